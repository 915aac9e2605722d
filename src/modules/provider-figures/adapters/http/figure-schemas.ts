import { z } from 'zod';
import { listQuery } from '../../../../platform/http/query.js';
import { MONTH_PATTERN } from '../../domain/periods.js';

const Month = z
  .string()
  .regex(MONTH_PATTERN, 'Enter a month as YYYY-MM.')
  .meta({ description: 'Billing month, YYYY-MM.' });

/** `start`/`end` months of the figures over time (defaults: the twelve months up to now). */
export const MonthRangeQuery = listQuery({ start: Month.optional(), end: Month.optional() });

/** `days` of the provider dashboard's order chart (default 30, at most 366). */
export const DashboardQuery = z.object({
  days: z.coerce
    .number()
    .int()
    .min(1)
    .max(366)
    .default(30)
    .meta({ description: 'How many days of orders, today included (default 30).' }),
});

/** `stats/` of a provider offering. */
export const OfferingStatsOut = z
  .object({ resources_count: z.number().int(), customers_count: z.number().int() })
  .meta({ id: 'OfferingStats' });

const StateCount = z
  .object({ state: z.string(), count: z.number().int() })
  .meta({ id: 'OfferingStateCounter' });

/** `state_counters/` of a provider offering. */
export const OfferingStateCountersOut = z
  .object({ resources: z.array(StateCount), users: z.array(StateCount) })
  .meta({ id: 'OfferingStateCounters' });

/** One month of `costs/`. */
export const ProviderOfferingCostsOut = z
  .object({ period: z.string(), price: z.number(), tax: z.number(), total: z.number() })
  .meta({ id: 'ProviderOfferingCosts' });

/** One component and month of `component_stats/`. */
export const OfferingComponentStatOut = z
  .object({
    period: z.string(),
    billing_period: z.string(),
    date: z.string(),
    usage: z.number(),
    description: z.string(),
    measured_unit: z.string(),
    type: z.string(),
    name: z.string(),
  })
  .meta({ id: 'OfferingComponentStat' });

/** One consumer organization of `customers/`. */
export const ProviderOfferingCustomerOut = z
  .object({
    uuid: z.string(),
    name: z.string(),
    slug: z.string(),
    abbreviation: z.string(),
    phone_number: z.string(),
    email: z.string(),
  })
  .meta({ id: 'ProviderOfferingCustomer' });

/** `stat/` of a service provider. */
export const ServiceProviderStatisticsOut = z
  .object({
    active_campaigns: z.number().int(),
    current_customers: z.number().int(),
    customers_number_change: z.number().int(),
    active_resources: z.number().int(),
    resources_number_change: z.number().int(),
    active_and_paused_offerings: z.number().int(),
    unresolved_tickets: z.number().int(),
    pending_orders: z.number().int(),
    erred_resources: z.number().int(),
  })
  .meta({ id: 'ServiceProviderStatistics' });

/** One month of `revenue/`. */
export const ServiceProviderRevenuesOut = z
  .object({ total: z.number(), year: z.number().int(), month: z.number().int() })
  .meta({ id: 'ServiceProviderRevenues' });

/** `dashboard/` of a service provider (Orderly's own): the series its dashboard charts. */
export const ProviderDashboardOut = z
  .object({
    orders_per_day: z.array(z.object({ date: z.string(), state: z.string(), count: z.number().int() })),
    resources_by_state: z.array(StateCount),
  })
  .meta({ id: 'ProviderDashboard' });
