import type { PublicOffering, PublicPlan } from '../../api/types.js';
import { formatMoney } from '../../lib/format.js';
import { breakdown, estimate } from './cost.js';

/** The live monthly estimate: plan price plus price × requested amount per component. */
export function CostEstimate({
  plan,
  components,
  limits,
}: {
  plan: PublicPlan;
  components: PublicOffering['components'];
  limits: Record<string, number>;
}) {
  const total = estimate(plan, components, limits);
  return (
    <aside className="card estimate" aria-labelledby="estimate-title">
      <h2 id="estimate-title">Cost estimate</h2>
      <table className="table-compact">
        <tbody>
          <tr>
            <th scope="row">Plan “{plan.name}”</th>
            <td className="num">{formatMoney(plan.unit_price)}</td>
          </tr>
          {breakdown(plan, components, limits).map((b) => (
            <tr key={b.type}>
              <th scope="row">
                {b.name}
                <div className="muted small">
                  {b.amount} {b.unit} × {formatMoney(b.price)}
                </div>
              </th>
              <td className="num">{formatMoney(b.amount * b.price)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="estimate-total" aria-live="polite">
        <span>Total per month</span>
        <strong data-testid="estimate-total">{formatMoney(total)}</strong>
      </p>
      <p className="muted small">Usage-based components are billed later from reported usage.</p>
    </aside>
  );
}
