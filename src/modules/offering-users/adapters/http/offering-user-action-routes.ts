import type { FastifyInstance } from 'fastify';
import { UuidParams } from '../../../../platform/http/ids.js';
import { addRoute } from '../../../../platform/http/route.js';
import { checkOfferingUserAction, runOfferingUserAction } from '../../app/offering-user-action.js';
import { OFFERING_USER_TRANSITIONS, ROUTED_ACTIONS } from '../../domain/offering-user-state.js';
import { OfferingUserOut, presentOfferingUser } from './offering-user-presenter.js';
import { loadOfferingUser, refOf } from './offering-user-routes.js';
import { TransitionBody } from './offering-user-schemas.js';

const SUMMARIES: Record<string, string> = {
  begin_creating: 'Start creating the account (Requested or Error creating → Creating)',
  set_pending_account_linking: 'Ask the user to link an account, with a comment and URL',
  set_pending_additional_validation: 'Ask the user for additional validation, with a comment and URL',
  set_validation_complete: 'The user finished linking or validation (→ OK, comment cleared)',
  set_error_creating: 'Report that creating the account failed',
  set_ok: 'Set the account OK (manual recovery)',
  request_deletion: 'Request removal of the account',
  set_deleting: 'Start removing the account',
  set_deleted: 'The account has been removed',
  set_error_deleting: 'Report that removing the account failed',
};

/**
 * One `POST /api/marketplace-offering-users/{uuid}/<action>/` per row of the transition table:
 * load (404) → provider permission (403) → table (409) → body (400) → the move.
 */
export function offeringUserActionRoutes(app: FastifyInstance): void {
  for (const action of ROUTED_ACTIONS) {
    const t = OFFERING_USER_TRANSITIONS[action];
    addRoute(app, {
      method: 'POST',
      url: `/api/marketplace-offering-users/:uuid/${action}/`,
      operationId: `marketplace_offering_users_${action}`,
      summary: SUMMARIES[action] ?? action,
      description: `Allowed from: ${t.from.join(', ')}; leads to ${t.to}. 409 from any other state.`,
      tags: ['marketplace-offering-users'],
      params: UuidParams,
      body: TransitionBody,
      responses: { 200: OfferingUserOut },
      load: (tx, ctx) => loadOfferingUser(tx, ctx.actor, ctx.params.uuid),
      run: async (tx, ctx, r) => {
        await checkOfferingUserAction(tx, ctx.actor, refOf(r), action);
        const note = ctx.body();
        await runOfferingUserAction(tx, ctx.actor, refOf(r), action, note);
        const after = await loadOfferingUser(tx, ctx.actor, ctx.params.uuid);
        return { status: 200, body: presentOfferingUser(ctx.base, after, ctx.actor) };
      },
    });
  }
}
