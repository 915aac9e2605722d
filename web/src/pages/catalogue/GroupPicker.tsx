import { useId, useState } from 'react';
import { sameId } from '../../lib/format.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { InlineError } from '../../ui/DataState.js';
import type { OrganizationGroup } from './catalogueTypes.js';

/**
 * The organization groups one offering or plan is limited to, as checkboxes; none checked means
 * every organization. Saving replaces the set (`update_organization_groups`).
 */
export function GroupPicker({
  title,
  groups,
  current,
  canEdit,
  onSave,
}: {
  /** What is limited ("Nordic HPC Cluster", "Plan Allocation"). */
  title: string;
  /** Every group there is. */
  groups: OrganizationGroup[];
  /** The groups it is limited to now. */
  current: OrganizationGroup[];
  canEdit: boolean;
  onSave(urls: string[]): Promise<void>;
}) {
  const base = useId();
  const [chosen, setChosen] = useState(() => new Set(current.map((g) => g.uuid)));
  const { busy, error, run } = useSubmit();
  const isChosen = (g: OrganizationGroup) => [...chosen].some((u) => sameId(u, g.uuid));
  const toggle = (g: OrganizationGroup, on: boolean) =>
    setChosen((s) => {
      const next = new Set([...s].filter((u) => !sameId(u, g.uuid)));
      if (on) next.add(g.uuid);
      return next;
    });
  const save = () => run(() => onSave(groups.filter(isChosen).map((g) => g.url)));
  const summary =
    current.length === 0
      ? 'Open to every organization.'
      : `Only for ${current.map((g) => g.name).join(', ')}.`;
  return (
    <fieldset className="group-picker">
      <legend>{title}</legend>
      <p className="muted small">{summary}</p>
      <div className="group-options">
        {groups.map((g) => (
          <div key={g.uuid} className="field-check">
            <input
              id={`${base}-${g.uuid}`}
              type="checkbox"
              checked={isChosen(g)}
              disabled={!canEdit || busy}
              onChange={(e) => toggle(g, e.target.checked)}
            />
            <label htmlFor={`${base}-${g.uuid}`}>
              {g.parent_name ? `${g.parent_name} › ` : ''}
              {g.name}
            </label>
          </div>
        ))}
      </div>
      <InlineError error={error} />
      {canEdit && (
        <div className="form-actions">
          <button
            type="button"
            className="btn"
            disabled={busy}
            aria-label={`Save groups of ${title}`}
            onClick={() => void save()}
          >
            {busy ? 'Saving…' : 'Save groups'}
          </button>
        </div>
      )}
    </fieldset>
  );
}
