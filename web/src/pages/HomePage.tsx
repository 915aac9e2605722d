import { api, unwrapPage } from '../api/client.js';
import { formatDateTime } from '../lib/format.js';
import { Link } from '../lib/router.js';
import { useSession } from '../lib/session.js';
import { useLoad } from '../lib/useLoad.js';
import { usePageTitle } from '../lib/usePageTitle.js';
import { OrderStateBadge } from '../ui/Badge.js';
import { Empty, ErrorBox, Loading } from '../ui/DataState.js';

async function loadHome(provider: boolean, consumer: boolean) {
  const count = async (query: { can_approve_as_provider?: 'true'; can_approve_as_consumer?: 'true' }) =>
    (await unwrapPage(api.GET('/api/marketplace-orders/', { params: { query: { ...query, page_size: 1 } } })))
      .count;
  const [providerCount, consumerCount, recent] = await Promise.all([
    provider ? count({ can_approve_as_provider: 'true' }) : Promise.resolve(0),
    consumer ? count({ can_approve_as_consumer: 'true' }) : Promise.resolve(0),
    unwrapPage(api.GET('/api/marketplace-orders/', { params: { query: { page_size: 5, o: '-created' } } })),
  ]);
  return { providerCount, consumerCount, recent: recent.items };
}

const plural = (n: number) => (n === 1 ? 'order needs' : 'orders need');

/** Who you are, what waits for you, and the latest orders you can see. */
export function HomePage() {
  usePageTitle('Home');
  const { me, access } = useSession();
  const provider = access.providers.length > 0;
  const home = useLoad(() => loadHome(provider, access.consumer), [provider, access.consumer]);
  return (
    <div className="stack-lg">
      <header className="page-head">
        <div>
          <h1>Welcome, {me.first_name || me.username}</h1>
          <p className="muted">{access.roles.length ? access.roles.join(' · ') : 'You have no roles yet.'}</p>
        </div>
      </header>
      {home.status === 'loading' && !home.data && <Loading />}
      {home.status === 'error' && <ErrorBox error={home.error} onRetry={home.reload} />}
      {home.data && (
        <>
          <div className="tiles">
            {provider && (
              <Link to="/provider/orders" className="tile">
                <span className="tile-number">{home.data.providerCount}</span>
                <span>{plural(home.data.providerCount)} your approval as provider</span>
              </Link>
            )}
            {access.consumer && (
              <Link to="/orders?pending=1" className="tile">
                <span className="tile-number">{home.data.consumerCount}</span>
                <span>{plural(home.data.consumerCount)} your approval as consumer</span>
              </Link>
            )}
            {access.consumer && (
              <Link to="/marketplace" className="tile tile-action">
                <span className="tile-number">+</span>
                <span>Order a new resource from the marketplace</span>
              </Link>
            )}
          </div>
          <section className="card" aria-labelledby="recent-title">
            <h2 id="recent-title">Latest orders</h2>
            {home.data.recent.length === 0 ? (
              <Empty>No orders yet.</Empty>
            ) : (
              <ul className="plain-list">
                {home.data.recent.map((o) => (
                  <li key={o.uuid} className="row-line">
                    <Link to={`/orders/${o.uuid}`}>{o.resource_name || o.offering_name}</Link>
                    <span className="muted small">
                      {o.type} · {o.offering_name} · {formatDateTime(o.created)}
                    </span>
                    <OrderStateBadge state={o.state} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </div>
  );
}
