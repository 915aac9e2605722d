import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../../../platform/auth/actor.js';
import { type Db, inTransaction, type Tx } from '../../../../platform/db/database.js';
import { UuidParams } from '../../../../platform/http/ids.js';
import { addRoute } from '../../../../platform/http/route.js';
import { OrganizationGroupsBody } from '../../../identity/adapters/http/organization-group-routes.js';
import { checkOfferingEditable } from '../../app/component-checks.js';
import {
  authorizeGroupChange,
  clearOrganizationGroups,
  type GroupTarget,
  setOrganizationGroups,
} from '../../app/set-organization-groups.js';
import { loadProviderOffering } from './offering-loaders.js';
import { loadPlan } from './plan-loaders.js';

/** Loads the visible offering or plan (404), then checks the caller may change its groups (403). */
type Loader = (tx: Tx, actor: Actor, uuid: string) => Promise<GroupTarget>;

const TARGETS: { collection: string; tag: string; what: string; load: Loader }[] = [
  {
    collection: 'marketplace-provider-offerings',
    tag: 'marketplace-provider-offerings',
    what: 'offering',
    load: async (tx, actor, uuid) => {
      const o = await loadProviderOffering(tx, actor, uuid);
      const target: GroupTarget = { kind: 'offering', id: o.id, customerId: o.customer_id };
      await authorizeGroupChange(tx, actor, target);
      // Waldur's `update_validators` on offerings: an archived offering is frozen (409).
      checkOfferingEditable(o);
      return target;
    },
  },
  {
    collection: 'marketplace-plans',
    tag: 'marketplace-plans',
    what: 'plan',
    load: async (tx, actor, uuid) => {
      const p = await loadPlan(tx, actor, uuid);
      const target: GroupTarget = { kind: 'plan', id: p.id, customerId: p.offering_customer_id };
      await authorizeGroupChange(tx, actor, target);
      return target;
    },
  },
];

/**
 * `update_organization_groups` and `delete_organization_groups` of provider offerings and plans:
 * an offering or plan limited to groups is listed and orderable only for their organizations.
 */
export function offeringGroupRoutes(app: FastifyInstance, db: Db): void {
  for (const t of TARGETS) {
    const op = t.collection.replace(/-/g, '_');
    addRoute(app, {
      method: 'POST',
      url: `/api/${t.collection}/:uuid/update_organization_groups/`,
      operationId: `${op}_update_organization_groups`,
      summary: `Limit a ${t.what} to organization groups (staff or an owner of its organization)`,
      description: 'Replaces the set; an empty list opens it to everyone.',
      tags: [t.tag],
      params: UuidParams,
      body: OrganizationGroupsBody,
      responses: { 200: null },
      handler: async (ctx) =>
        inTransaction(db, async (tx) => {
          const target = await t.load(tx, ctx.actor, ctx.params.uuid);
          await setOrganizationGroups(tx, ctx.actor, target, ctx.body().organization_groups);
          return { status: 200 };
        }),
    });
    addRoute(app, {
      method: 'POST',
      url: `/api/${t.collection}/:uuid/delete_organization_groups/`,
      operationId: `${op}_delete_organization_groups`,
      summary: `Open a ${t.what} to every organization again (staff or an owner of its organization)`,
      tags: [t.tag],
      params: UuidParams,
      responses: { 204: null },
      handler: async (ctx) =>
        inTransaction(db, async (tx) => {
          await clearOrganizationGroups(tx, ctx.actor, await t.load(tx, ctx.actor, ctx.params.uuid));
          return { status: 204 };
        }),
    });
  }
}
