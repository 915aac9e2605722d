import type { FastifyInstance } from 'fastify';
import { UuidParams } from '../../../../platform/http/ids.js';
import { addRoute } from '../../../../platform/http/route.js';
import { grantRoutes } from '../../../identity/api.js';
import {
  ACTION_DETAILS,
  authorizeOfferingAction,
  checkOfferingAction,
  HTTP_OFFERING_ACTIONS,
  runOfferingAction,
} from '../../app/offering-actions.js';
import { authorizeOfferingUpdate, updateOfferingType } from '../../app/update-offering.js';
import { findOffering, visibleProviderOfferings } from '../pg/offering-repository.js';
import { loadProviderOffering, presentProviderOfferingById } from './offering-loaders.js';
import { DetailStateOut, PauseBody, ProviderOfferingOut, UpdateTypeBody } from './offering-schemas.js';

const COLLECTION = 'marketplace-provider-offerings';
const tags = [COLLECTION];

/** Lifecycle actions, `update_type` and OFFERING.MANAGER grants of provider offerings. */
export function offeringActionRoutes(app: FastifyInstance): void {
  for (const action of HTTP_OFFERING_ACTIONS) {
    addRoute(app, {
      method: 'POST',
      url: `/api/${COLLECTION}/:uuid/${action}/`,
      operationId: `marketplace_provider_offerings_${action}`,
      summary:
        action === 'activate'
          ? 'Activate an offering (staff only): Draft, Paused or Unavailable → Active'
          : `${action[0]?.toUpperCase()}${action.slice(1)} an offering (OFFERING.UPDATE)`,
      description: 'Answers 409 when the offering state does not allow the action.',
      tags,
      params: UuidParams,
      ...(action === 'pause' ? { body: PauseBody } : {}),
      responses: { 200: DetailStateOut },
      load: (tx, ctx) => loadProviderOffering(tx, ctx.actor, ctx.params.uuid),
      check: async (tx, ctx, o) => authorizeOfferingAction(tx, ctx.actor, o, action),
      run: async (tx, ctx, o) => {
        await checkOfferingAction(tx, o, action);
        const body = ctx.body() as { paused_reason?: string | undefined } | undefined;
        const state = await runOfferingAction(tx, o, action, body?.paused_reason);
        return { status: 200, body: { detail: ACTION_DETAILS[action], state } };
      },
    });
  }

  addRoute(app, {
    method: 'POST',
    url: `/api/${COLLECTION}/:uuid/update_type/`,
    operationId: 'marketplace_provider_offerings_update_type',
    summary: 'Change the offering type between Marketplace.Basic and Marketplace.Slurm',
    tags,
    params: UuidParams,
    body: UpdateTypeBody,
    responses: { 200: ProviderOfferingOut },
    load: (tx, ctx) => loadProviderOffering(tx, ctx.actor, ctx.params.uuid),
    check: async (tx, ctx, o) => authorizeOfferingUpdate(tx, ctx.actor, o),
    run: async (tx, ctx, o) => {
      await updateOfferingType(tx, o, ctx.body().type);
      return { status: 200, body: await presentProviderOfferingById(tx, ctx.base, ctx.actor, o.uuid) };
    },
  });

  grantRoutes(app, COLLECTION, 'offering', async (tx, actor, uuid) => {
    const o = await findOffering(visibleProviderOfferings(tx, actor), uuid);
    return o && { type: 'offering', id: o.id, customerId: o.customer_id };
  });
}
