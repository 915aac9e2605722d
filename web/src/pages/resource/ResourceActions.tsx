import { ApiError } from '../../api/problem.js';
import type { Resource } from '../../api/types.js';
import { isOffered } from '../../lib/abilities.js';
import { ActionMenu, type MenuAction } from '../../ui/ActionMenu.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { useNotify } from '../../ui/Toasts.js';
import { RESOURCE_ACTIONS, type ResourceActionDef, type ResourceView } from './resourceActionDefs.js';

/** Resource actions the caller may see (see {@link isOffered}). */
export function visibleResourceActions(r: Resource): ResourceActionDef[] {
  return RESOURCE_ACTIONS.filter((d) => isOffered(r.abilities[d.action]));
}

/** The Actions dropdown of a resource, in sections, from `abilities` only. */
export function ResourceActions({ resource, onOpen }: { resource: Resource; onOpen(action: string): void }) {
  const actions: MenuAction[] = visibleResourceActions(resource).map((d) => {
    const a = resource.abilities[d.action];
    return {
      key: d.action,
      label: d.label,
      section: d.section,
      allowed: a?.allowed === true,
      reason: a?.message,
      onSelect: () => onOpen(d.action),
    };
  });
  if (actions.length === 0) return <p className="muted small">You have no actions on this resource.</p>;
  return <ActionMenu actions={actions} />;
}

/** The confirmation of one resource action; on success it notifies and reloads the page. */
export function ResourceActionDialog({
  resource,
  view,
  action,
  onClose,
  onDone,
  onRefresh,
}: {
  resource: Resource;
  view: ResourceView;
  action: string;
  onClose(): void;
  onDone(): void;
  onRefresh(): void;
}) {
  const notify = useNotify();
  const def = RESOURCE_ACTIONS.find((d) => d.action === action);
  const ability = resource.abilities[action];
  if (!def || !ability) return null;
  return (
    <ConfirmDialog
      spec={def.confirm(resource, ability)}
      onClose={onClose}
      onConfirm={async (reason) => {
        try {
          await def.run(resource, view, reason);
        } catch (e) {
          // A refused action usually means the resource moved on: refresh what is behind the dialog.
          if (e instanceof ApiError && e.status === 409) onRefresh();
          throw e;
        }
        notify(def.toast);
        onDone();
      }}
    />
  );
}
