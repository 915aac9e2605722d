import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { UuidParams } from '../../../../platform/http/ids.js';
import { respondList } from '../../../../platform/http/list.js';
import { PageQuery } from '../../../../platform/http/pagination.js';
import { FieldQuery } from '../../../../platform/http/query.js';
import { addRoute } from '../../../../platform/http/route.js';
import { providerForFigures } from '../../app/figure-access.js';
import { monthRange } from '../../domain/periods.js';
import { monthlyCharges } from '../pg/charges.js';
import { resourcesByState } from '../pg/offering-figures.js';
import { ordersPerDay, providerStatistics } from '../pg/provider-figures.js';
import {
  DashboardQuery,
  ProviderDashboardOut,
  ServiceProviderRevenuesOut,
  ServiceProviderStatisticsOut,
} from './figure-schemas.js';
import { inMemory } from './in-memory-list.js';

const P = '/api/marketplace-service-providers/:uuid';
const tags = ['marketplace-service-providers'];
const who = 'staff, support and the people who work for the provider';

/** Figures of a service provider: `stat/`, `revenue/` and Orderly's `dashboard/` series. */
export function providerFigureRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: `${P}/stat/`,
    operationId: 'marketplace_service_providers_stat_retrieve',
    summary: `Headline figures of a service provider (${who}); no campaigns or tickets in Orderly: 0`,
    tags,
    params: UuidParams,
    responses: { 200: ServiceProviderStatisticsOut },
    run: async (tx, ctx) => {
      const customerId = await providerForFigures(tx, ctx.actor, ctx.params.uuid);
      return { status: 200, body: await providerStatistics(tx, customerId) };
    },
  });

  addRoute(app, {
    method: 'GET',
    url: `${P}/revenue/`,
    operationId: 'marketplace_service_providers_revenue_list',
    summary: `Charges of the provider’s offerings per month, the last twelve months (${who})`,
    tags,
    params: UuidParams,
    query: PageQuery.extend(FieldQuery.shape),
    responses: { 200: z.array(ServiceProviderRevenuesOut) },
    run: async (tx, ctx) => {
      const customerId = await providerForFigures(tx, ctx.actor, ctx.params.uuid);
      const months = await monthlyCharges(tx, { providerCustomerId: customerId }, monthRange(new Date()));
      return respondList(ctx, inMemory(months), (m) => ({
        total: Number(m.amount),
        year: Number(m.period.slice(0, 4)),
        month: Number(m.period.slice(5, 7)),
      }));
    },
  });

  addRoute(app, {
    method: 'GET',
    url: `${P}/dashboard/`,
    operationId: 'marketplace_service_providers_dashboard_retrieve',
    summary: `Series of the provider dashboard: orders per day by state, resources by state (${who})`,
    tags,
    params: UuidParams,
    query: DashboardQuery,
    responses: { 200: ProviderDashboardOut },
    run: async (tx, ctx) => {
      const customerId = await providerForFigures(tx, ctx.actor, ctx.params.uuid);
      const [orders, resources] = await Promise.all([
        ordersPerDay(tx, customerId, ctx.query.days),
        resourcesByState(tx, { providerCustomerId: customerId }),
      ]);
      return { status: 200, body: { orders_per_day: orders, resources_by_state: resources } };
    },
  });
}
