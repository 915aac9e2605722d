import { recordOrderBackendId } from '../../modules/orders/api.js';
import { lockOrder } from '../../modules/orders/app/lock-order.js';
import { completeOrder, failProcessing } from '../../modules/orders/app/outcomes.js';
import { recordBackendId } from '../../modules/resources/api.js';
import type { Tx } from '../../platform/db/database.js';
import { hex } from '../../platform/http/ids.js';
import type { RemoteClient } from './client.js';
import { clientFor, loadRemoteOrderFacts, type RemoteOrderFacts } from './context.js';
import { failureMessage, isTransient, RemoteApiError, RemoteConfigError } from './errors.js';
import type { Preflight } from './preflight.js';
import { LIMITS_ALREADY_MATCH, REMOTE_NO_CHANGE_TEXT } from './state-map.js';

/** One processing run of a Remote order: the order and its attempt (the fencing token). */
export interface RemoteRunArgs {
  orderId: number;
  attempt: number;
}

/** What the submit step left behind. */
export type SubmitResult = 'submitted' | 'done' | 'erred' | 'stale';

/** How the submit step talks to the remote. */
export interface SubmitOptions {
  /** Sent as `Idempotency-Key` on the one mutating POST, so a re-run step replays, never duplicates. */
  idempotencyKey: string;
  /** Base URL of this instance for the remote order's `callback_url`; omitted when unknown. */
  callbackBase: string | undefined;
  signal: AbortSignal;
}

/**
 * Carries out a preflight plan under the local order's row lock, fenced by the attempt: a stale run
 * (the order was canceled, e.g. by cancel_termination, or moved by hand) changes nothing, and a run
 * whose order already has a `backend_id` was submitted before (a crash after commit). The remote POST
 * and the local `backend_id` are thus decided together with any concurrent cancel. A client error
 * of the remote (4xx) fails the order with the remote's words; transient errors are thrown for retry.
 */
export async function submitRemoteOrder(
  tx: Tx,
  args: RemoteRunArgs,
  plan: Preflight,
  opts: SubmitOptions,
): Promise<SubmitResult> {
  const o = await lockOrder(tx, args.orderId).catch(() => undefined);
  if (o?.state !== 'executing' || o.row.attempt_count !== args.attempt) return 'stale';
  if (o.row.backend_id !== '') return 'submitted';
  if (plan.kind === 'fail') {
    await failProcessing(tx, o, null, plan.message, '');
    return 'erred';
  }
  if (plan.kind === 'complete') {
    await completeOrder(tx, o, null, 'process', plan.output);
    return 'done';
  }
  const facts = await loadRemoteOrderFacts(tx, args.orderId);
  try {
    const { client } = clientFor(facts.secretOptions);
    const posted = await post(client, plan, facts, opts);
    await recordOrderBackendId(tx, o.row.id, hex(posted.orderUuid));
    // The remote resource exists from now on (Creating); knowing it early lets later orders find it.
    if (posted.resourceUuid && o.resource.backend_id === '') {
      await recordBackendId(tx, o.resource.id, hex(posted.resourceUuid));
    }
    return 'submitted';
  } catch (err) {
    if (
      plan.kind === 'update-limits' &&
      err instanceof RemoteApiError &&
      err.status === 400 &&
      err.mentions(REMOTE_NO_CHANGE_TEXT)
    ) {
      await completeOrder(tx, o, null, 'process', LIMITS_ALREADY_MATCH);
      return 'done';
    }
    if (isTransient(err)) throw err;
    if (!(err instanceof RemoteApiError) && !(err instanceof RemoteConfigError)) throw err;
    await failProcessing(
      tx,
      o,
      null,
      failureMessage(err),
      err instanceof RemoteApiError ? JSON.stringify(err.body ?? null) : '',
    );
    return 'erred';
  }
}

/** The one mutating remote call of the plan; returns the remote order (and new resource) uuid. */
async function post(
  client: RemoteClient,
  plan: Exclude<Preflight, { kind: 'fail' | 'complete' }>,
  facts: RemoteOrderFacts,
  opts: SubmitOptions,
): Promise<{ orderUuid: string; resourceUuid?: string }> {
  const call = { idempotencyKey: opts.idempotencyKey, signal: opts.signal };
  const offering = hex(facts.offeringBackendId);
  const planUrl = client.link(
    `/api/marketplace-public-offerings/${offering}/plans/${hex(facts.planBackendId)}/`,
  );
  switch (plan.kind) {
    case 'create': {
      const remote = await client.createOrder(
        {
          project: client.link(`/api/projects/${hex(plan.remoteProjectUuid)}/`),
          offering: client.link(`/api/marketplace-public-offerings/${offering}/`),
          plan: planUrl,
          attributes: facts.attributes,
          limits: facts.limits,
          accepting_terms_of_service: true,
          ...(opts.callbackBase
            ? { callback_url: `${opts.callbackBase}/api/marketplace-orders/${hex(facts.orderUuid)}/pull/` }
            : {}),
        },
        call,
      );
      return { orderUuid: remote.uuid, resourceUuid: remote.marketplace_resource_uuid };
    }
    case 'update-limits':
      return { orderUuid: await client.updateLimits(facts.resourceBackendId, facts.limits, call) };
    case 'switch-plan':
      return { orderUuid: await client.switchPlan(facts.resourceBackendId, planUrl, call) };
    case 'terminate':
      return { orderUuid: await client.terminate(facts.resourceBackendId, facts.attributes, call) };
  }
}
