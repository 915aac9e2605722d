import { useId } from 'react';
import { formatUnitPrice } from '../../lib/format.js';
import type { Component, Plan } from './catalogueTypes.js';

/** One price field per component, and an amount field per fixed component (what the plan includes). */
export function PlanPriceFields({
  components,
  plan,
  prices,
  quotas,
  onPrice,
  onQuota,
}: {
  components: Component[];
  plan: Plan | undefined;
  prices: Record<string, string>;
  quotas: Record<string, string>;
  onPrice(type: string, value: string): void;
  onQuota(type: string, value: string): void;
}) {
  const base = useId();
  if (components.length === 0) return null;
  return (
    <fieldset className="field-wide price-grid">
      <legend>Component prices</legend>
      {components.map((c) => {
        // The field holds the price due from next month; say what applies until then.
        const now = plan?.prices[c.type];
        const future = plan?.future_prices[c.type];
        const pending = future !== undefined && future !== now;
        const unit = c.measured_unit ? ` per ${c.measured_unit}` : '';
        return (
          <div key={c.uuid} className="price-row">
            <div className="field">
              <label htmlFor={`${base}-p-${c.type}`}>
                Price of {c.name}
                {unit}
              </label>
              <input
                id={`${base}-p-${c.type}`}
                type="number"
                min={0}
                step="any"
                value={prices[c.type] ?? ''}
                onChange={(e) => onPrice(c.type, e.target.value)}
              />
              {pending && <p className="hint">Until the end of this month: {formatUnitPrice(now)}</p>}
            </div>
            {c.billing_type === 'fixed' && (
              <div className="field">
                <label htmlFor={`${base}-q-${c.type}`}>Amount of {c.name} included</label>
                <input
                  id={`${base}-q-${c.type}`}
                  type="number"
                  min={0}
                  step="any"
                  value={quotas[c.type] ?? ''}
                  onChange={(e) => onQuota(c.type, e.target.value)}
                />
              </div>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
