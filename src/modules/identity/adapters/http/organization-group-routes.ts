import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db, Tx } from '../../../../platform/db/database.js';
import { countRows } from '../../../../platform/db/paging.js';
import { UuidInput, UuidParams } from '../../../../platform/http/ids.js';
import { listQuery } from '../../../../platform/http/query.js';
import { listRoute, orNotFound, retrieveRoute } from '../../../../platform/http/read-routes.js';
import { addRoute } from '../../../../platform/http/route.js';
import { requireStaff } from '../../app/access.js';
import {
  createOrganizationGroup,
  deleteOrganizationGroup,
  setCustomerGroups,
  updateOrganizationGroup,
} from '../../app/manage-organization-groups.js';
import { findVisibleCustomer } from '../pg/customer-repository.js';
import { findGroup, groupsQuery, listGroups } from '../pg/organization-group-repository.js';
import { OrganizationGroupOut, presentOrganizationGroup } from './organization-group-presenter.js';

const tags = ['organization-groups'];
const PATH = '/api/organization-groups/';

/** Waldur `OrganizationGroupRequest`. */
const GroupBody = z.object({
  name: z.string().trim().min(1).max(150),
  parent: z.string().min(1).nullable().optional().meta({ description: 'Parent group URL, or null.' }),
});

/** Waldur `OrganizationGroupsRequest`: the full new set, as group URLs (empty: none). */
export const OrganizationGroupsBody = z.object({
  organization_groups: z.array(z.string().min(1)).max(1000).meta({ description: 'Organization group URLs.' }),
});

const ListQuery = listQuery({
  name: z.string().optional(),
  name_exact: z.string().optional(),
  parent: UuidInput.optional(),
  o: z.enum(['name', '-name', 'customers_count', '-customers_count']).optional(),
});

async function load(tx: Tx, uuid: string) {
  return orNotFound(findGroup(tx, uuid), 'organization_group');
}

/**
 * `/api/organization-groups/…` (every signed-in user reads, staff write, as Waldur's
 * IsAdminOrReadOnly) and `/api/customers/{uuid}/update_organization_groups/` (staff).
 */
export function organizationGroupRoutes(app: FastifyInstance, _db: Db): void {
  listRoute(app, {
    url: PATH,
    operationId: 'organization_groups_list',
    summary: 'List organization groups',
    tags,
    query: ListQuery,
    out: OrganizationGroupOut,
    source: (tx, ctx) => ({
      count: (upTo) => countRows(tx, groupsQuery(tx, ctx.query), upTo),
      rows: (limit, offset) => listGroups(tx, ctx.query, limit, offset),
    }),

    present: (ctx, g) => presentOrganizationGroup(ctx.base, g),
  });

  addRoute(app, {
    method: 'POST',
    url: PATH,
    operationId: 'organization_groups_create',
    summary: 'Create an organization group (staff only)',
    tags,
    body: GroupBody,
    responses: { 201: OrganizationGroupOut },
    check: (_tx, ctx) => requireStaff(ctx.actor),
    run: async (tx, ctx) => {
      const uuid = await createOrganizationGroup(tx, ctx.actor, ctx.body());
      return { status: 201, body: presentOrganizationGroup(ctx.base, await load(tx, uuid)) };
    },
  });

  retrieveRoute(app, {
    url: `${PATH}:uuid/`,
    operationId: 'organization_groups_retrieve',
    summary: 'Retrieve an organization group',
    tags,
    load: (tx, ctx) => load(tx, ctx.params.uuid),
    out: OrganizationGroupOut,
    present: (_tx, ctx, g) => presentOrganizationGroup(ctx.base, g),
  });

  for (const method of ['PUT', 'PATCH'] as const) {
    addRoute(app, {
      method,
      url: `${PATH}:uuid/`,
      operationId: method === 'PUT' ? 'organization_groups_update' : 'organization_groups_partial_update',
      summary: 'Rename or move an organization group (staff only)',
      tags,
      params: UuidParams,
      body: method === 'PUT' ? GroupBody : GroupBody.partial(),
      responses: { 200: OrganizationGroupOut },
      load: (tx, ctx) => load(tx, ctx.params.uuid),
      check: (_tx, ctx) => requireStaff(ctx.actor),
      run: async (tx, ctx, g) => {
        await updateOrganizationGroup(tx, ctx.actor, g, ctx.body());
        return { status: 200, body: presentOrganizationGroup(ctx.base, await load(tx, g.uuid)) };
      },
    });
  }

  addRoute(app, {
    method: 'DELETE',
    url: `${PATH}:uuid/`,
    operationId: 'organization_groups_destroy',
    summary: 'Delete an organization group and its subgroups (staff only)',
    tags,
    params: UuidParams,
    responses: { 204: null },
    load: (tx, ctx) => load(tx, ctx.params.uuid),
    check: (_tx, ctx) => requireStaff(ctx.actor),
    run: async (tx, ctx, g) => {
      await deleteOrganizationGroup(tx, ctx.actor, g);
      return { status: 204 };
    },
  });

  addRoute(app, {
    method: 'POST',
    url: '/api/customers/:uuid/update_organization_groups/',
    operationId: 'customers_update_organization_groups',
    summary: 'Set the organization groups of an organization (staff only)',
    tags: ['customers'],
    params: UuidParams,
    body: OrganizationGroupsBody,
    responses: { 200: null },
    load: async (tx, ctx) => {
      return orNotFound(findVisibleCustomer(tx, ctx.actor, ctx.params.uuid), 'customer');
    },
    check: (_tx, ctx) => requireStaff(ctx.actor),
    run: async (tx, ctx, c) => {
      await setCustomerGroups(tx, ctx.actor, c.id, ctx.body().organization_groups);
      return { status: 200 };
    },
  });
}
