import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import type { ApprovalSlaScope } from '../../../../platform/db/schema.js';
import { NotFoundError } from '../../../../platform/errors.js';
import { UuidParams } from '../../../../platform/http/ids.js';
import { addRoute } from '../../../../platform/http/route.js';
import { findVisibleCustomer } from '../../../identity/api.js';
import { authorize, type Scope } from '../../../identity/app/access.js';
import { Permission } from '../../../identity/domain/permissions.js';
import { loadProviderOffering } from '../../../offerings/api.js';
import { readSla } from '../../adapters/pg/sla-settings.js';
import { setApprovalSla } from '../../app/set-approval-sla.js';
import { SLA_HOURS } from '../../domain/approval-sla.js';

/** An approval SLA (per offering or organization; an offering's replaces its organization's). */
const ApprovalSlaOut = z
  .object({
    escalate_after_hours: z.number().int().nullable().meta({
      description:
        'Hours waiting for provider approval before escalating to the provider owners (×2: to staff); null: never.',
    }),
    daily_digest: z.boolean().meta({
      description: 'Provider approvers get one daily digest instead of one e-mail per order.',
    }),
  })
  .meta({ id: 'ApprovalSla' });

const ApprovalSlaIn = z.object({
  escalate_after_hours: z.number().int().min(SLA_HOURS.min).max(SLA_HOURS.max).nullable(),
  daily_digest: z.boolean(),
});

/** The scope a route acts on: 404 when invisible, then the permission check (403). */
interface Target {
  type: ApprovalSlaScope;
  id: number;
  providerCustomerId: number;
}

type Loader = (tx: Tx, actor: Actor, uuid: string) => Promise<Target>;

const loaders: Record<ApprovalSlaScope, { collection: string; op: string; load: Loader }> = {
  offering: {
    collection: 'marketplace-provider-offerings',
    op: 'marketplace_provider_offerings',
    load: async (tx, actor, uuid) => {
      const o = await loadProviderOffering(tx, actor, uuid);
      const scopes: Scope[] = [
        { type: 'offering', id: o.id },
        { type: 'customer', id: o.customer_id },
      ];
      await authorize(tx, actor, Permission.OFFERING_UPDATE, scopes);
      return { type: 'offering', id: o.id, providerCustomerId: o.customer_id };
    },
  },
  customer: {
    collection: 'customers',
    op: 'customers',
    load: async (tx, actor, uuid) => {
      const c = await findVisibleCustomer(tx, actor, uuid);
      if (!c) throw new NotFoundError('customer');
      await authorize(tx, actor, Permission.CUSTOMER_UPDATE, [{ type: 'customer', id: c.id }]);
      return { type: 'customer', id: c.id, providerCustomerId: c.id };
    },
  },
};

/** `GET`/`PUT …/{uuid}/approval_sla/` on provider offerings and organizations (staff, owners, offering updaters). */
export function approvalSlaRoutes(app: FastifyInstance): void {
  for (const [scope, l] of Object.entries(loaders) as [ApprovalSlaScope, (typeof loaders)['offering']][]) {
    const url = `/api/${l.collection}/:uuid/approval_sla/`;
    addRoute(app, {
      method: 'GET',
      url,
      operationId: `${l.op}_approval_sla_retrieve`,
      summary: `Orderly: the approval SLA of this ${scope} (escalation and daily digest)`,
      tags: [l.collection],
      params: UuidParams,
      responses: { 200: ApprovalSlaOut },
      run: async (tx, ctx) => {
        const t = await l.load(tx, ctx.actor, ctx.params.uuid);
        return { status: 200, body: await readSla(tx, t.type, t.id) };
      },
    });
    addRoute(app, {
      method: 'PUT',
      url,
      operationId: `${l.op}_approval_sla_update`,
      summary: `Orderly: set the approval SLA of this ${scope}`,
      tags: [l.collection],
      params: UuidParams,
      body: ApprovalSlaIn,
      responses: { 200: ApprovalSlaOut },
      run: async (tx, ctx) => {
        const t = await l.load(tx, ctx.actor, ctx.params.uuid);
        return { status: 200, body: await setApprovalSla(tx, ctx.actor, t, ctx.body()) };
      },
    });
  }
}
