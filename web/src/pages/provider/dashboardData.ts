import type { components } from '../../../../openapi/client/schema.js';
import { api, unwrap, unwrapPage } from '../../api/client.js';

type Schemas = components['schemas'];
/** `stat/` of a service provider. */
export type ProviderStat = Schemas['ServiceProviderStatistics'];
/** `dashboard/` series of a service provider. */
export type DashboardSeries = Schemas['ProviderDashboard'];
/** One month of `revenue/`. */
export type Revenue = Schemas['ServiceProviderRevenues'];

/** Everything the provider dashboard shows, for one provider organization. */
export interface DashboardData {
  stat: ProviderStat;
  series: DashboardSeries;
  revenue: Revenue[];
}

/** Days of orders the dashboard charts. */
export const DAYS = 30;

/** Loads the figures of the service provider of `customerUuid` (null: the organization is not one). */
export async function loadDashboard(customerUuid: string): Promise<DashboardData | null> {
  const sps = await unwrapPage(
    api.GET('/api/marketplace-service-providers/', { params: { query: { customer_uuid: customerUuid } } }),
  );
  const sp = sps.items[0];
  if (!sp) return null;
  const path = { uuid: sp.uuid };
  const [stat, series, revenue] = await Promise.all([
    unwrap(api.GET('/api/marketplace-service-providers/{uuid}/stat/', { params: { path } })),
    unwrap(
      api.GET('/api/marketplace-service-providers/{uuid}/dashboard/', {
        params: { path, query: { days: DAYS } },
      }),
    ),
    unwrap(
      api.GET('/api/marketplace-service-providers/{uuid}/revenue/', {
        params: { path, query: { page_size: 12 } },
      }),
    ),
  ]);
  return { stat, series, revenue };
}

/** The last `days` days (UTC, `YYYY-MM-DD`), oldest first, today last. */
export function lastDays(days: number, now = new Date()): string[] {
  const out: string[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - i));
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Mar 2026" of a revenue month. */
export function monthLabel(r: { year: number; month: number }): string {
  return `${MONTHS[r.month - 1] ?? r.month} ${r.year}`;
}

/** Colours of order states: green done, red failed, grey closed, amber waiting, blue executing. */
export const ORDER_STATE_COLORS: Record<string, string> = {
  done: '#1d6b3a',
  erred: '#a4262c',
  canceled: '#8a94a3',
  rejected: '#5b6675',
  executing: '#264a7d',
  'pending-consumer': '#d29922',
  'pending-provider': '#b7791f',
  'pending-project': '#e0b354',
  'pending-start-date': '#f0d28a',
};

/** Colours of resource states. */
export const RESOURCE_STATE_COLORS: Record<string, string> = {
  Creating: '#4f7cc0',
  OK: '#1d6b3a',
  Erred: '#a4262c',
  Updating: '#264a7d',
  Terminating: '#b7791f',
  Terminated: '#8a94a3',
};
