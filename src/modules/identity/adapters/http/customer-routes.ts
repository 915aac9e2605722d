import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Tx } from '../../../../platform/db/database.js';
import { countRows } from '../../../../platform/db/paging.js';
import { UuidParams } from '../../../../platform/http/ids.js';
import { respondList } from '../../../../platform/http/list.js';
import { orNotFound, retrieveRoute } from '../../../../platform/http/read-routes.js';
import { addRoute } from '../../../../platform/http/route.js';
import { requireStaff } from '../../app/access.js';
import { authorizeCustomerUpdate, createCustomer, updateCustomer } from '../../app/manage-customers.js';
import type { CustomerRow } from '../pg/customer-repository.js';
import { filterCustomers, findVisibleCustomer } from '../pg/customer-repository.js';
import { customerPage } from '../pg/list-pages.js';
import { customerGroupIds, groupsByIds } from '../pg/organization-group-repository.js';
import { providerCustomerIds } from '../pg/provider-lookups.js';
import { grantRoutes } from './grant-routes.js';
import { presentGroupList } from './organization-group-presenter.js';
import { presentCustomer } from './tenancy-presenter.js';
import { CustomerBody, CustomerListQuery, CustomerOut } from './tenancy-schemas.js';

const tags = ['customers'];

async function loadCustomer(tx: Tx, actor: Parameters<typeof findVisibleCustomer>[1], uuid: string) {
  return orNotFound(findVisibleCustomer(tx, actor, uuid), 'customer');
}

/** The organization groups of each of these organizations, presented. */
async function groupsOfCustomers(tx: Tx, base: string, ids: number[]) {
  const links = await customerGroupIds(tx, ids);
  const views = await groupsByIds(tx, [...links.values()].flat());
  return (id: number) => presentGroupList(base, links.get(id) ?? [], views);
}

/** `/api/customers/…`: organizations and their role grants. */
export function customerRoutes(app: FastifyInstance): void {
  const present = async (tx: Tx, base: string, c: CustomerRow) =>
    presentCustomer(
      base,
      c,
      (await providerCustomerIds(tx, [c.id])).has(c.id),
      (await groupsOfCustomers(tx, base, [c.id]))(c.id),
    );

  addRoute(app, {
    method: 'GET',
    url: '/api/customers/',
    operationId: 'customers_list',
    summary: 'List organizations',
    tags,
    query: CustomerListQuery,
    responses: { 200: z.array(CustomerOut) },
    run: async (tx, ctx) => {
      const q = filterCustomers(tx, ctx.actor, ctx.query);
      let providers = new Set<number>();
      let groups: Awaited<ReturnType<typeof groupsOfCustomers>> = () => [];
      return respondList(
        ctx,
        {
          count: (upTo) => countRows(tx, q, upTo),
          rows: async (limit, offset) => {
            const rows = await customerPage(q, limit, offset);
            providers = await providerCustomerIds(
              tx,
              rows.map((r) => r.id),
            );
            groups = await groupsOfCustomers(
              tx,
              ctx.base,
              rows.map((r) => r.id),
            );
            return rows;
          },
        },
        (c) => presentCustomer(ctx.base, c, providers.has(c.id), groups(c.id)),
      );
    },
  });

  addRoute(app, {
    method: 'POST',
    url: '/api/customers/',
    operationId: 'customers_create',
    summary: 'Create an organization (staff only)',
    tags,
    body: CustomerBody,
    responses: { 201: CustomerOut },
    run: async (tx, ctx) => {
      requireStaff(ctx.actor);
      const input = ctx.body();
      return {
        status: 201,
        body: await present(tx, ctx.base, await createCustomer(tx, ctx.actor, input)),
      };
    },
  });

  retrieveRoute(app, {
    url: '/api/customers/:uuid/',
    operationId: 'customers_retrieve',
    summary: 'Retrieve an organization',
    tags,
    load: (tx, ctx) => loadCustomer(tx, ctx.actor, ctx.params.uuid),
    out: CustomerOut,
    present: (tx, ctx, c) => present(tx, ctx.base, c),
  });

  for (const method of ['PATCH', 'PUT'] as const) {
    addRoute(app, {
      method,
      url: '/api/customers/:uuid/',
      operationId: method === 'PATCH' ? 'customers_partial_update' : 'customers_update',
      summary: 'Update an organization (owners; blocked/archived/slug by staff)',
      tags,
      params: UuidParams,
      body: method === 'PATCH' ? CustomerBody.partial() : CustomerBody,
      responses: { 200: CustomerOut },
      load: (tx, ctx) => loadCustomer(tx, ctx.actor, ctx.params.uuid),
      check: async (tx, ctx, c) => authorizeCustomerUpdate(tx, ctx.actor, c),
      run: async (tx, ctx, c) => {
        const updated = await updateCustomer(tx, ctx.actor, c, ctx.body());
        return { status: 200, body: await present(tx, ctx.base, updated) };
      },
    });
  }

  grantRoutes(app, 'customers', 'customer', async (tx, actor, uuid) => {
    const c = await findVisibleCustomer(tx, actor, uuid);
    return c && { type: 'customer', id: c.id, customerId: c.id };
  });
}
