import { useState } from 'react';
import { formatMoney, orderStateTitle } from '../../lib/format.js';
import { useSession } from '../../lib/session.js';
import { useLoad } from '../../lib/useLoad.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { BarChart } from '../../ui/charts/BarChart.js';
import { StackedBarChart } from '../../ui/charts/StackedBarChart.js';
import { Empty, ErrorBox, Loading } from '../../ui/DataState.js';
import { SelectField } from '../../ui/SelectField.js';
import {
  DAYS,
  type DashboardData,
  lastDays,
  loadDashboard,
  monthLabel,
  ORDER_STATE_COLORS,
  RESOURCE_STATE_COLORS,
} from './dashboardData.js';

/** Provider dashboard: headline figures and charts of orders, resources and revenue. */
export function ProviderDashboardPage() {
  usePageTitle('Provider dashboard');
  const { access } = useSession();
  const [chosen, setChosen] = useState(access.providers[0]?.uuid ?? '');
  const data = useLoad(() => (chosen ? loadDashboard(chosen) : Promise.resolve(null)), [chosen]);
  return (
    <div className="stack">
      <header className="page-head">
        <div>
          <h1>Provider dashboard</h1>
          <p className="muted">Orders, resources and revenue of your offerings.</p>
        </div>
        {access.providers.length > 1 && (
          <SelectField
            label="Provider"
            value={chosen}
            anyLabel={null}
            options={access.providers.map((p) => ({ value: p.uuid, label: p.name }))}
            onChange={setChosen}
          />
        )}
      </header>
      {data.status === 'error' && <ErrorBox error={data.error} onRetry={data.reload} />}
      {data.data === undefined ? (
        data.status === 'loading' && <Loading label="Loading figures…" />
      ) : data.data === null ? (
        <Empty>This organization is not a service provider.</Empty>
      ) : (
        <Figures data={data.data} />
      )}
    </div>
  );
}

function Figures({ data }: { data: DashboardData }) {
  const { stat, series, revenue } = data;
  const days = lastDays(DAYS);
  const states = [...new Set(series.orders_per_day.map((o) => o.state))];
  const stacks = days.map((d) => ({
    label: d.slice(5),
    values: Object.fromEntries(
      series.orders_per_day.filter((o) => o.date === d).map((o) => [o.state, o.count]),
    ),
  }));
  const orderTotal = series.orders_per_day.reduce((n, o) => n + o.count, 0);
  const byState = states.map((s) => ({
    s,
    n: series.orders_per_day.filter((o) => o.state === s).reduce((k, o) => k + o.count, 0),
  }));
  const resources = series.resources_by_state;
  const revenueTotal = revenue.reduce((n, r) => n + r.total, 0);
  const best = revenue.reduce<(typeof revenue)[number] | undefined>(
    (b, r) => (!b || r.total > b.total ? r : b),
    undefined,
  );
  const figures: [string, number][] = [
    ['Active resources', stat.active_resources],
    ['Erred resources', stat.erred_resources],
    ['Pending orders', stat.pending_orders],
    ['Current customers', stat.current_customers],
    ['Active and paused offerings', stat.active_and_paused_offerings],
  ];
  return (
    <>
      <dl className="figure-list" aria-label="Headline figures">
        {figures.map(([label, n]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{n}</dd>
          </div>
        ))}
      </dl>
      <div className="dashboard-grid">
        <section className="card" aria-labelledby="orders-chart">
          <h2 id="orders-chart">Orders per day</h2>
          <StackedBarChart
            title="Orders per day by state"
            summary={`Orders per day by state, last ${DAYS} days: ${orderTotal} orders${
              byState.length ? `; ${byState.map((x) => `${orderStateTitle(x.s)} ${x.n}`).join(', ')}` : ''
            }.`}
            series={states.map((s) => ({
              key: s,
              label: orderStateTitle(s),
              color: ORDER_STATE_COLORS[s] ?? '#5b6675',
            }))}
            stacks={stacks}
            labelEvery={7}
          />
        </section>
        <section className="card" aria-labelledby="resources-chart">
          <h2 id="resources-chart">Resources by state</h2>
          <BarChart
            title="Resources by state"
            summary={`Resources by state: ${
              resources.length ? resources.map((r) => `${r.state} ${r.count}`).join(', ') : 'none'
            }.`}
            bars={resources.map((r) => ({
              label: r.state,
              value: r.count,
              color: RESOURCE_STATE_COLORS[r.state] ?? '#264a7d',
            }))}
          />
        </section>
        <section className="card" aria-labelledby="revenue-chart">
          <h2 id="revenue-chart">Revenue by month</h2>
          <BarChart
            title="Revenue by month"
            summary={`Revenue by month, ${revenue[0] ? monthLabel(revenue[0]) : ''} to ${
              best ? monthLabel(revenue[revenue.length - 1] ?? best) : ''
            }: ${formatMoney(revenueTotal)} in total${
              best && best.total > 0 ? `, highest ${monthLabel(best)} with ${formatMoney(best.total)}` : ''
            }.`}
            bars={revenue.map((r) => ({
              label: monthLabel(r),
              tick: monthLabel(r).slice(0, 3),
              value: r.total,
            }))}
            format={(n) => (n >= 1000 ? `${Math.round(n / 100) / 10}k` : String(Math.round(n * 100) / 100))}
            labelEvery={2}
          />
        </section>
      </div>
    </>
  );
}
