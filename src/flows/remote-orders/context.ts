import { ordersInScope } from '../../modules/orders/api.js';
import type { Tx } from '../../platform/db/database.js';
import { RemoteClient } from './client.js';
import { type RemoteCredentials, remoteCredentials } from './credentials.js';

/** Everything about a local order that remote processing reads, in one query. */
export interface RemoteOrderFacts {
  orderUuid: string;
  attributes: Record<string, unknown>;
  limits: Record<string, unknown>;
  /** The order changes the plan (switch_plan UPDATE). */
  switchesPlan: boolean;
  resourceBackendId: string;
  /** Remote offering uuid (`offering.backend_id`). */
  offeringBackendId: string;
  /** Remote plan uuid of the order's plan (`plan.backend_id`), '' when none. */
  planBackendId: string;
  secretOptions: Record<string, unknown>;
  projectUuid: string;
  projectName: string;
  customerUuid: string;
  customerName: string;
}

/** Reads the facts of one order (no lock: the caller fences what it writes). */
export async function loadRemoteOrderFacts(tx: Tx, orderId: number): Promise<RemoteOrderFacts> {
  const r = await ordersInScope(tx)
    .select([
      'o.uuid',
      'o.attributes',
      'o.limits',
      'o.plan_id',
      'o.old_plan_id',
      'r.backend_id as resource_backend_id',
    ])
    .select(['f.backend_id as offering_backend_id', 'f.secret_options', 'pl.backend_id as plan_backend_id'])
    .select([
      'p.uuid as project_uuid',
      'p.name as project_name',
      'c.uuid as customer_uuid',
      'c.name as customer_name',
    ])
    .where('o.id', '=', orderId)
    .executeTakeFirstOrThrow();
  return {
    orderUuid: r.uuid,
    attributes: r.attributes,
    limits: r.limits,
    switchesPlan: r.old_plan_id !== null && r.plan_id !== null && r.old_plan_id !== r.plan_id,
    resourceBackendId: r.resource_backend_id,
    offeringBackendId: r.offering_backend_id,
    planBackendId: r.plan_backend_id ?? '',
    secretOptions: r.secret_options,
    projectUuid: r.project_uuid,
    projectName: r.project_name,
    customerUuid: r.customer_uuid,
    customerName: r.customer_name,
  };
}

/** The client for an offering's secret options (throws `RemoteConfigError` when they are incomplete). */
export function clientFor(secretOptions: Record<string, unknown>): {
  client: RemoteClient;
  creds: RemoteCredentials;
} {
  const creds = remoteCredentials(secretOptions);
  return { client: new RemoteClient(creds), creds };
}

/** Reads the secret options of the order's offering. */
export async function offeringSecretsOf(tx: Tx, offeringId: number): Promise<Record<string, unknown>> {
  const f = await tx
    .selectFrom('offerings')
    .select('secret_options')
    .where('id', '=', offeringId)
    .executeTakeFirstOrThrow();
  return f.secret_options;
}
