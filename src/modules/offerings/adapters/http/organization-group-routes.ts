import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../../../platform/auth/actor.js';
import type { Db, Tx } from '../../../../platform/db/database.js';
import { UuidParams } from '../../../../platform/http/ids.js';
import { addRoute } from '../../../../platform/http/route.js';
import { OrganizationGroupsBody } from '../../../identity/api.js';
import { checkOfferingEditable } from '../../app/component-checks.js';
import {
  authorizeGroupChange,
  clearOrganizationGroups,
  type GroupTarget,
  setOrganizationGroups,
} from '../../app/set-organization-groups.js';
import type { OfferingRow } from '../pg/offering-repository.js';
import { loadProviderOffering } from './offering-loaders.js';
import { loadPlan } from './plan-loaders.js';

/** Loads the visible offering or plan (404); then the caller must be allowed to change its groups (403). */
type Loader = (tx: Tx, actor: Actor, uuid: string) => Promise<GroupTarget & { offering?: OfferingRow }>;

const TARGETS: { collection: string; tag: string; what: string; load: Loader }[] = [
  {
    collection: 'marketplace-provider-offerings',
    tag: 'marketplace-provider-offerings',
    what: 'offering',
    load: async (tx, actor, uuid) => {
      const o = await loadProviderOffering(tx, actor, uuid);
      return { kind: 'offering', id: o.id, customerId: o.customer_id, offering: o };
    },
  },
  {
    collection: 'marketplace-plans',
    tag: 'marketplace-plans',
    what: 'plan',
    load: async (tx, actor, uuid) => {
      const p = await loadPlan(tx, actor, uuid);
      return { kind: 'plan', id: p.id, customerId: p.offering_customer_id };
    },
  },
];

/** Waldur's `is_owner` (403), then, on offerings, `update_validators`: an archived one is frozen (409). */
async function check(tx: Tx, ctx: { actor: Actor }, target: GroupTarget & { offering?: OfferingRow }) {
  await authorizeGroupChange(tx, ctx.actor, target);
  if (target.offering) checkOfferingEditable(target.offering);
}

/**
 * `update_organization_groups` and `delete_organization_groups` of provider offerings and plans:
 * an offering or plan limited to groups is listed and orderable only for their organizations.
 */
export function offeringGroupRoutes(app: FastifyInstance, _db: Db): void {
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
      load: (tx, ctx) => t.load(tx, ctx.actor, ctx.params.uuid),
      check,
      run: async (tx, ctx, target) => {
        await setOrganizationGroups(tx, ctx.actor, target, ctx.body().organization_groups);
        return { status: 200 };
      },
    });
    addRoute(app, {
      method: 'POST',
      url: `/api/${t.collection}/:uuid/delete_organization_groups/`,
      operationId: `${op}_delete_organization_groups`,
      summary: `Open a ${t.what} to every organization again (staff or an owner of its organization)`,
      tags: [t.tag],
      params: UuidParams,
      responses: { 204: null },
      load: (tx, ctx) => t.load(tx, ctx.actor, ctx.params.uuid),
      check,
      run: async (tx, ctx, target) => {
        await clearOrganizationGroups(tx, ctx.actor, target);
        return { status: 204 };
      },
    });
  }
}
