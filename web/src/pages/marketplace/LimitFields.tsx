import type { PublicOffering, PublicPlan } from '../../api/types.js';

/** One input per 'limit' component (amount you order), and the plan's included 'fixed' amounts. */
export function LimitFields({
  components,
  plan,
  values,
  onChange,
}: {
  components: PublicOffering['components'];
  plan: PublicPlan | undefined;
  values: Record<string, string>;
  onChange(type: string, value: string): void;
}) {
  const limits = components.filter((c) => c.billing_type === 'limit');
  const fixed = components.filter((c) => c.billing_type === 'fixed');
  const usage = components.filter((c) => c.billing_type === 'usage');
  if (components.length === 0) return null;
  return (
    <fieldset className="stack">
      <legend>Limits</legend>
      {limits.map((c) => (
        <div className="field" key={c.type}>
          <label htmlFor={`limit-${c.type}`}>
            {c.name} ({c.measured_unit})
          </label>
          <input
            id={`limit-${c.type}`}
            type="number"
            inputMode="numeric"
            min={c.min_value ?? 0}
            max={c.max_value ?? undefined}
            value={values[c.type] ?? ''}
            onChange={(e) => onChange(c.type, e.target.value)}
            aria-describedby={`limit-${c.type}-hint`}
          />
          <p className="hint" id={`limit-${c.type}-hint`}>
            {c.min_value !== null || c.max_value !== null
              ? `Between ${c.min_value ?? 0} and ${c.max_value ?? 'any amount'}.`
              : 'Any amount.'}
            {c.description ? ` ${c.description}` : ''}
          </p>
        </div>
      ))}
      {fixed.map((c) => (
        <p key={c.type} className="muted">
          {c.name}: {plan?.quotas[c.type] ?? 0} {c.measured_unit} included in the plan.
        </p>
      ))}
      {usage.map((c) => (
        <p key={c.type} className="muted">
          {c.name}: billed by reported usage ({c.measured_unit}).
        </p>
      ))}
    </fieldset>
  );
}
