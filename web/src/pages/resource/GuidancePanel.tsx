import type { Ability, Guidance, RecoveryPath, Resource } from '../../api/types.js';
import { Link } from '../../lib/router.js';

/** Reads the ability a path names (`abilities.set_as_erred`, `order_in_progress.abilities.cancel`). */
function abilityOf(r: Resource, path: string): Ability | undefined {
  const [first, second, third] = path.split('.');
  if (first === 'abilities' && second) return r.abilities[second];
  if (first === 'order_in_progress' && third) return r.order_in_progress?.abilities[third];
  return undefined;
}

const WHO: Record<RecoveryPath['who'], string> = {
  consumer: 'Consumer',
  provider: 'Service provider',
  staff: 'Staff',
};

function PathAction({ r, p, onAction }: { r: Resource; p: RecoveryPath; onAction(action: string): void }) {
  const ability = abilityOf(r, p.ability);
  if (!ability) return null;
  if (!ability.allowed) {
    return ability.reason === 'permission_denied' ? (
      <p className="muted small">Someone with the {WHO[p.who].toLowerCase()} role takes this path.</p>
    ) : (
      <p className="muted small">Not available now: {ability.message}</p>
    );
  }
  // Cancel order and Cancel termination act on the order in progress, on its own page.
  if (p.path === 'cancel_order' || p.path === 'cancel_termination') {
    return r.order_in_progress ? (
      <Link className="btn btn-small" to={`/orders/${r.order_in_progress.uuid}`}>
        Open the terminate order
      </Link>
    ) : null;
  }
  return (
    <button type="button" className="btn btn-small btn-primary" onClick={() => onAction(p.path)}>
      {p.label}
    </button>
  );
}

/** Seed 001 "Recovering a resource stuck in Terminating", shown in context with what you can do now. */
export function GuidancePanel({
  resource,
  guidance,
  onAction,
}: {
  resource: Resource;
  guidance: Guidance;
  onAction(action: string): void;
}) {
  const applicable = guidance.paths.filter((p) => p.applies);
  const other = guidance.paths.filter((p) => !p.applies);
  return (
    <section className="card guidance" aria-labelledby="guidance-title">
      <h2 id="guidance-title">{guidance.title}</h2>
      <p>{guidance.summary}</p>
      <p className="muted">{guidance.what_you_see}</p>
      <ol className="paths">
        {applicable.map((p) => (
          <li key={p.path} className="path">
            <div className="path-head">
              <strong>{p.label}</strong>
              <span className="tag">{WHO[p.who]}</span>
            </div>
            <p>{p.description}</p>
            {p.warning && <p className="callout callout-warning small">{p.warning}</p>}
            <PathAction r={resource} p={p} onAction={onAction} />
          </li>
        ))}
      </ol>
      {other.length > 0 && (
        <p className="muted small">
          Not available for {guidance.offering_family} offerings: {other.map((p) => p.label).join(', ')}.
        </p>
      )}
    </section>
  );
}
