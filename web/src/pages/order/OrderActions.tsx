import { useState } from 'react';
import { ApiError, describeError } from '../../api/problem.js';
import type { Order } from '../../api/types.js';
import { isOffered } from '../../lib/abilities.js';
import { ActionMenu, type MenuAction } from '../../ui/ActionMenu.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { useNotify } from '../../ui/Toasts.js';
import { ORDER_ACTIONS, type OrderActionDef } from './orderActionDefs.js';

/**
 * The Actions dropdown of an order, from the order's `abilities` only ({@link isOffered}): an action
 * the caller has no permission for is not listed; one refused for another reason (state, offering
 * type) is listed disabled with the server's message.
 */
export function OrderActions({ order, onChanged }: { order: Order; onChanged(): void }) {
  const notify = useNotify();
  const [open, setOpen] = useState<OrderActionDef | null>(null);
  const visible = ORDER_ACTIONS.filter((d) => isOffered(order.abilities[d.action]));
  // Staff see both sides' reviews: say which side each one is.
  const twice = (label: string) => visible.filter((d) => d.label === label).length > 1;
  const labelOf = (d: OrderActionDef) =>
    twice(d.label) ? `${d.label} as ${d.action.endsWith('consumer') ? 'consumer' : 'provider'}` : d.label;

  const run = async (d: OrderActionDef, reason: string) => {
    try {
      await d.run(order, reason);
    } catch (e) {
      // A refused action usually means the order moved on: show its current state behind the dialog.
      if (e instanceof ApiError && e.status === 409) onChanged();
      throw e;
    }
    notify(d.toast);
    setOpen(null);
    onChanged();
  };
  const select = (d: OrderActionDef) => {
    if (d.confirm) setOpen(d);
    else run(d, '').catch((e: unknown) => notify(describeError(e), 'error'));
  };
  const actions: MenuAction[] = visible.map((d) => {
    const a = order.abilities[d.action];
    return {
      key: d.action,
      label: labelOf(d),
      allowed: a?.allowed === true,
      reason: a?.message,
      onSelect: () => select(d),
    };
  });
  const ability = open ? order.abilities[open.action] : undefined;
  return (
    <>
      {actions.length > 0 ? (
        <ActionMenu actions={actions} />
      ) : (
        <p className="muted small">You have no actions on this order.</p>
      )}
      {open?.confirm && ability && (
        <ConfirmDialog
          spec={open.confirm(order, ability)}
          onConfirm={(r) => run(open, r)}
          onClose={() => setOpen(null)}
        />
      )}
    </>
  );
}
