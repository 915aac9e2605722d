import type { OrderType } from '../../modules/orders/domain/order-type.js';
import { sameLimits } from '../../modules/resources/app/update-limits.js';
import { type Db, inTransaction } from '../../platform/db/database.js';
import type { RemoteClient } from './client.js';
import { clientFor, loadRemoteOrderFacts, type RemoteOrderFacts } from './context.js';
import type { RemoteCredentials } from './credentials.js';
import { RemoteApiError, RemoteConfigError } from './errors.js';
import {
  ANOTHER_ORDER_EXISTS,
  LIMITS_ALREADY_MATCH,
  REMOTE_LIVE_STATES,
  remoteProjectBackendId,
} from './state-map.js';

/** What the submit step will do, decided from local facts and remote reads (no local writes). */
export type Preflight =
  | { kind: 'fail'; message: string }
  | { kind: 'complete'; output?: string }
  | { kind: 'create'; remoteProjectUuid: string }
  | { kind: 'update-limits' }
  | { kind: 'switch-plan' }
  | { kind: 'terminate' };

/**
 * Decides how to forward an order (§17 g) and does the idempotent remote preparation: CREATE gets or
 * creates the remote project; UPDATE compares limits with the remote resource; TERMINATE without a
 * resource `backend_id` completes at once and otherwise refuses when the remote resource already has
 * a live TERMINATE order. Configuration problems become a `fail` plan; remote errors propagate.
 */
export async function preflight(
  db: Db,
  orderId: number,
  type: OrderType,
  signal: AbortSignal,
): Promise<Preflight> {
  const facts = await inTransaction(db, (tx) => loadRemoteOrderFacts(tx, orderId));
  let remote: { client: RemoteClient; creds: RemoteCredentials };
  try {
    remote = clientFor(facts.secretOptions);
  } catch (err) {
    if (err instanceof RemoteConfigError) return { kind: 'fail', message: err.message };
    throw err;
  }
  const { client, creds } = remote;
  switch (type) {
    case 'Create':
      return preflightCreate(client, creds, facts, signal);
    case 'Update':
      return preflightUpdate(client, facts, signal);
    case 'Terminate': {
      if (facts.resourceBackendId === '') return { kind: 'complete' };
      const live = await client.listOrders(
        { resourceUuid: facts.resourceBackendId, type: 'Terminate', states: REMOTE_LIVE_STATES },
        { signal },
      );
      return live.length > 0 ? { kind: 'fail', message: ANOTHER_ORDER_EXISTS } : { kind: 'terminate' };
    }
    case 'Restore':
      return { kind: 'fail', message: 'Restoring a resource is not supported for remote offerings.' };
  }
}

async function preflightCreate(
  client: RemoteClient,
  creds: RemoteCredentials,
  facts: RemoteOrderFacts,
  signal: AbortSignal,
): Promise<Preflight> {
  if (!creds.customerUuid) {
    return { kind: 'fail', message: 'The remote offering has no "customer_uuid" in its secret options.' };
  }
  if (!facts.offeringBackendId) {
    return { kind: 'fail', message: 'The remote offering has no backend_id (the remote offering uuid).' };
  }
  if (!facts.planBackendId)
    return { kind: 'fail', message: 'The plan has no backend_id (the remote plan uuid).' };
  const backendId = remoteProjectBackendId(facts.customerUuid, facts.projectUuid);
  const found = await client.findProjects(backendId, creds.customerUuid, { signal });
  const exact = found.find((p) => p.backend_id === backendId);
  if (exact) return { kind: 'create', remoteProjectUuid: exact.uuid };
  // Keyed by the local project, not the order: two orders of one project racing here get one
  // remote project (the second POST replays the first's answer).
  const created = await client
    .createProject(
      {
        name: `${facts.customerName} / ${facts.projectName}`.slice(0, 500),
        customerUuid: creds.customerUuid,
        backendId,
      },
      { signal, idempotencyKey: `orderly-remote-project-${backendId}` },
    )
    .catch(async (err: unknown) => {
      // Same key, different body (the local project was renamed meanwhile): the project exists.
      if (err instanceof RemoteApiError && err.status === 422) {
        const again = (await client.findProjects(backendId, creds.customerUuid!, { signal })).find(
          (p) => p.backend_id === backendId,
        );
        if (again) return again;
      }
      throw err;
    });
  return { kind: 'create', remoteProjectUuid: created.uuid };
}

async function preflightUpdate(
  client: RemoteClient,
  facts: RemoteOrderFacts,
  signal: AbortSignal,
): Promise<Preflight> {
  if (facts.resourceBackendId === '') {
    return {
      kind: 'fail',
      message: 'The resource has no backend_id: it does not exist in the remote Waldur.',
    };
  }
  if ('old_limits' in facts.attributes) {
    const resource = await client.getResource(facts.resourceBackendId, { signal });
    const wanted = Object.fromEntries(Object.entries(facts.limits).map(([k, v]) => [k, Number(v)]));
    return sameLimits(resource.limits, wanted)
      ? { kind: 'complete', output: LIMITS_ALREADY_MATCH }
      : { kind: 'update-limits' };
  }
  if (facts.switchesPlan) {
    if (!facts.planBackendId)
      return { kind: 'fail', message: 'The plan has no backend_id (the remote plan uuid).' };
    return { kind: 'switch-plan' };
  }
  return { kind: 'fail', message: 'Only limit and plan changes can be forwarded to a remote offering.' };
}
