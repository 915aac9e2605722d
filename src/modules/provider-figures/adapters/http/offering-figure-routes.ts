import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { countRows } from '../../../../platform/db/paging.js';
import { hex, UuidParams } from '../../../../platform/http/ids.js';
import { respondList } from '../../../../platform/http/list.js';
import { addRoute } from '../../../../platform/http/route.js';
import { offeringForFigures } from '../../app/figure-access.js';
import { monthRange } from '../../domain/periods.js';
import { monthlyCharges } from '../pg/charges.js';
import {
  offeringComponentStats,
  offeringCustomerPage,
  offeringCustomers,
  offeringStateCounters,
  offeringStats,
} from '../pg/offering-figures.js';
import {
  MonthRangeQuery,
  OfferingComponentStatOut,
  OfferingStateCountersOut,
  OfferingStatsOut,
  ProviderOfferingCostsOut,
  ProviderOfferingCustomerOut,
} from './figure-schemas.js';
import { inMemory } from './in-memory-list.js';

const P = '/api/marketplace-provider-offerings/:uuid';
const tags = ['marketplace-provider-offerings'];
const who = 'staff, support, the provider’s owners and managers, the offering’s managers';

/** Figures of one provider offering: `stats/`, `state_counters/`, `costs/`, `component_stats/`, `customers/`. */
export function offeringFigureRoutes(app: FastifyInstance): void {
  addRoute(app, {
    method: 'GET',
    url: `${P}/stats/`,
    operationId: 'marketplace_provider_offerings_stats_retrieve',
    summary: `Live resources and consumer organizations of an offering (${who})`,
    tags,
    params: UuidParams,
    responses: { 200: OfferingStatsOut },
    run: async (tx, ctx) => {
      const o = await offeringForFigures(tx, ctx.actor, ctx.params.uuid);
      return { status: 200, body: await offeringStats(tx, o.id) };
    },
  });

  addRoute(app, {
    method: 'GET',
    url: `${P}/state_counters/`,
    operationId: 'marketplace_provider_offerings_state_counters_retrieve',
    summary: `Resources and offering users of an offering by state (${who})`,
    tags,
    params: UuidParams,
    responses: { 200: OfferingStateCountersOut },
    run: async (tx, ctx) => {
      const o = await offeringForFigures(tx, ctx.actor, ctx.params.uuid);
      return { status: 200, body: await offeringStateCounters(tx, o.id) };
    },
  });

  addRoute(app, {
    method: 'GET',
    url: `${P}/costs/`,
    operationId: 'marketplace_provider_offerings_costs_list',
    summary: `Charges of an offering per month, from usages and plan prices (${who}); tax is not kept: 0`,
    tags,
    params: UuidParams,
    query: MonthRangeQuery,
    responses: { 200: z.array(ProviderOfferingCostsOut) },
    run: async (tx, ctx) => {
      const o = await offeringForFigures(tx, ctx.actor, ctx.params.uuid);
      const range = monthRange(new Date(), ctx.query.start, ctx.query.end);
      const months = await monthlyCharges(tx, { offeringId: o.id }, range);
      return respondList(ctx, inMemory(months), (m) => ({
        period: m.period,
        price: Number(m.amount),
        tax: 0,
        total: Number(m.amount),
      }));
    },
  });

  addRoute(app, {
    method: 'GET',
    url: `${P}/component_stats/`,
    operationId: 'marketplace_provider_offerings_component_stats_list',
    summary: `Reported usage of an offering’s components per month (${who})`,
    tags,
    params: UuidParams,
    query: MonthRangeQuery,
    responses: { 200: z.array(OfferingComponentStatOut) },
    run: async (tx, ctx) => {
      const o = await offeringForFigures(tx, ctx.actor, ctx.params.uuid);
      const range = monthRange(new Date(), ctx.query.start, ctx.query.end);
      const rows = await offeringComponentStats(tx, o.id, range);
      return respondList(ctx, inMemory(rows), (r) => ({
        ...r,
        date: r.billing_period,
        usage: Number(r.usage),
      }));
    },
  });

  addRoute(app, {
    method: 'GET',
    url: `${P}/customers/`,
    operationId: 'marketplace_provider_offerings_customers_list',
    summary: `Consumer organizations with a live resource of the offering (${who})`,
    tags,
    params: UuidParams,
    query: MonthRangeQuery.pick({ page: true, page_size: true, field: true }),
    responses: { 200: z.array(ProviderOfferingCustomerOut) },
    run: async (tx, ctx) => {
      const o = await offeringForFigures(tx, ctx.actor, ctx.params.uuid);
      const q = offeringCustomers(tx, o.id);
      return respondList(
        ctx,
        {
          count: (upTo) => countRows(tx, q, upTo),
          rows: (limit, offset) => offeringCustomerPage(q, limit, offset),
        },
        (c) => ({
          uuid: hex(c.uuid),
          name: c.name,
          slug: c.slug,
          abbreviation: c.abbreviation,
          phone_number: '',
          email: c.email,
        }),
      );
    },
  });
}
