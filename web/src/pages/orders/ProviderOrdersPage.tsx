import { useState } from 'react';
import { api, unwrapPage } from '../../api/client.js';
import { useSearchParams, withParams } from '../../lib/router.js';
import { useSession } from '../../lib/session.js';
import { useLoad } from '../../lib/useLoad.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { Empty, ErrorBox, Loading } from '../../ui/DataState.js';
import { Pager } from '../../ui/Pager.js';
import { BulkActions } from './BulkActions.js';
import { providerFilterOptions } from './filterOptions.js';
import { OrderFilters } from './OrderFilters.js';
import { OrdersTable } from './OrdersTable.js';
import { readParams, toApiQuery } from './orderQuery.js';

/** Provider dashboard → Orders: "needs my action" by default, filters in the URL, bulk review. */
export function ProviderOrdersPage() {
  usePageTitle('Provider orders');
  const { access } = useSession();
  const [sp, setSp] = useSearchParams();
  const params = readParams(sp);
  // One provider: pinned to it. Several (or staff): a provider filter, "all" by default.
  const single = access.providers.length === 1 ? (access.providers[0]?.uuid ?? '') : '';
  const provider = params.provider || single;
  const query = toApiQuery({ ...params, provider }, 'provider');
  const key = JSON.stringify(query);
  const list = useLoad(() => unwrapPage(api.GET('/api/marketplace-orders/', { params: { query } })), [key]);
  const options = useLoad(
    () => providerFilterOptions(provider, params.customer),
    [provider, params.customer],
  );
  const [selected, setSelected] = useState<Set<string>>(new Set());

  const change = (changes: Record<string, string | null>, replace = false) => {
    setSelected(new Set());
    setSp(withParams(sp, changes), { replace });
  };
  const orders = list.data?.items ?? [];
  const toggle = (uuid: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(uuid)) next.delete(uuid);
      else next.add(uuid);
      return next;
    });

  return (
    <div className="stack">
      <header className="page-head">
        <div>
          <p className="eyebrow">Provider dashboard</p>
          <h1>Orders</h1>
        </div>
      </header>
      <fieldset className="segmented">
        <legend className="sr-only">View</legend>
        <button type="button" aria-pressed={params.view === 'action'} onClick={() => change({ view: null })}>
          Needs my action
        </button>
        <button type="button" aria-pressed={params.view === 'all'} onClick={() => change({ view: 'all' })}>
          All orders
        </button>
      </fieldset>
      <OrderFilters
        params={params}
        stateLocked={params.view === 'action'}
        options={{
          providers: access.providers.map((p) => ({ value: p.uuid, label: p.name })),
          offerings: options.data?.offerings ?? [],
          customers: options.data?.customers ?? [],
          projects: options.data?.projects ?? [],
        }}
        onChange={(c) => change(c, 'q' in c)}
      />
      <BulkActions
        orders={orders.filter((o) => selected.has(o.uuid))}
        onDone={() => {
          setSelected(new Set());
          list.reload();
        }}
      />
      {list.status === 'error' && <ErrorBox error={list.error} onRetry={list.reload} />}
      {list.status === 'loading' && !list.data && <Loading label="Loading orders…" />}
      {list.data &&
        (orders.length === 0 ? (
          <Empty>
            {params.view === 'action'
              ? 'Nothing needs your action: no order is waiting for provider approval.'
              : 'No orders match these filters.'}
          </Empty>
        ) : (
          <div aria-busy={list.status === 'loading'}>
            <OrdersTable
              orders={orders}
              caption="Orders of your offerings"
              ordering={params.o}
              onSort={(o) => change({ o })}
              selected={selected}
              onToggle={toggle}
              onToggleAll={(all) => setSelected(all ? new Set(orders.map((o) => o.uuid)) : new Set())}
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
