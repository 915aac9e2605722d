import { api, unwrapPage } from '../../api/client.js';
import { Link, useSearchParams, withParams } from '../../lib/router.js';
import { useSession } from '../../lib/session.js';
import { useLoad } from '../../lib/useLoad.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { Empty, ErrorBox, Loading } from '../../ui/DataState.js';
import { Pager } from '../../ui/Pager.js';
import { consumerFilterOptions } from './filterOptions.js';
import { OrderFilters } from './OrderFilters.js';
import { OrdersTable } from './OrdersTable.js';
import { readParams, toApiQuery } from './orderQuery.js';

const ALL = 'all';

/** The consumer's orders: every order of the projects the user can see, newest first. */
export function MyOrdersPage() {
  usePageTitle('My orders');
  const { access } = useSession();
  const [sp, setSp] = useSearchParams();
  const read = readParams(sp);
  // By default, the first organization the user orders for ("all" lists every visible order: for a
  // provider's people that includes their clients' orders, which are not "theirs").
  const fallback = access.isStaff ? ALL : (access.consumerCustomers[0]?.uuid ?? ALL);
  const chosen = read.customer || fallback;
  const params = { ...read, customer: chosen === ALL ? '' : chosen };
  const query = toApiQuery(params, 'consumer');
  const key = JSON.stringify(query);
  const list = useLoad(() => unwrapPage(api.GET('/api/marketplace-orders/', { params: { query } })), [key]);
  const options = useLoad(
    () => consumerFilterOptions(params.customer, access.consumerCustomers),
    [params.customer],
  );
  const change = (changes: Record<string, string | null>, replace = false) =>
    setSp(withParams(sp, changes), { replace });
  const orders = list.data?.items ?? [];
  return (
    <div className="stack">
      <header className="page-head">
        <div>
          <h1>My orders</h1>
          <p className="muted">Orders of your organizations and projects.</p>
        </div>
        <Link to="/marketplace" className="btn btn-primary">
          New order
        </Link>
      </header>
      <fieldset className="segmented">
        <legend className="sr-only">View</legend>
        <button type="button" aria-pressed={!params.pending} onClick={() => change({ pending: null })}>
          All my orders
        </button>
        <button type="button" aria-pressed={params.pending} onClick={() => change({ pending: '1' })}>
          Waiting for my approval
        </button>
      </fieldset>
      <OrderFilters
        params={{ ...params, customer: chosen }}
        options={{
          offerings: options.data?.offerings ?? [],
          customers: [{ value: ALL, label: 'All organizations' }, ...(options.data?.customers ?? [])],
          projects: options.data?.projects ?? [],
        }}
        onChange={(c) => change(c, 'q' in c)}
      />
      {list.status === 'error' && <ErrorBox error={list.error} onRetry={list.reload} />}
      {list.status === 'loading' && !list.data && <Loading label="Loading orders…" />}
      {list.data &&
        (orders.length === 0 ? (
          <Empty>
            {params.pending ? 'No order is waiting for your approval.' : 'No orders match these filters.'}{' '}
            <Link to="/marketplace">Order something from the marketplace.</Link>
          </Empty>
        ) : (
          <div aria-busy={list.status === 'loading'}>
            <OrdersTable
              orders={orders}
              caption="My orders"
              ordering={params.o}
              onSort={(o) => change({ o })}
            />
          </div>
        ))}
      {list.data && (
        <Pager
          page={params.page}
          size={params.size}
          count={list.data.count}
          exact={list.data.exact}
          onPage={(page) => change({ page: String(page) })}
          onSize={(size) => change({ size: String(size) })}
        />
      )}
    </div>
  );
}
