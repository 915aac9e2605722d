import type { Db, Tx } from '../../../../platform/db/database.js';
import { NotFoundError } from '../../../../platform/errors.js';
import { ACTIVE_RUN_STATUSES } from '../../domain/statuses.js';
import { type TenantState, tenantStateOf } from '../../domain/tenant-state.js';

/** A tenant with the ids its events, checks and steps need. */
export interface TenantRow {
  id: number;
  uuid: string;
  name: string;
  slug: string;
  state: TenantState;
  resourceId: number;
  creationOrderId: number;
  offeringId: number;
  planId: number;
  projectId: number;
  customerId: number;
  providerCustomerId: number;
  adminEmail: string;
  baseDomain: string;
  storageKind: 'schema' | 'database';
  adminConsoleUrl: string | null;
  pluginOptions: Record<string, unknown>;
}

function tenantQuery(tx: Tx | Db) {
  return tx
    .selectFrom('tenants as t')
    .innerJoin('offerings as f', 'f.id', 't.offering_id')
    .innerJoin('projects as p', 'p.id', 't.project_id')
    .selectAll('t')
    .select(['p.customer_id', 'f.customer_id as provider_customer_id', 'f.plugin_options']);
}

type Raw = Awaited<ReturnType<ReturnType<typeof tenantQuery>['executeTakeFirstOrThrow']>>;

function toRow(r: Raw): TenantRow {
  return {
    id: r.id,
    uuid: r.uuid,
    name: r.name,
    slug: r.slug,
    state: tenantStateOf(r.state),
    resourceId: r.resource_id,
    creationOrderId: r.creation_order_id,
    offeringId: r.offering_id,
    planId: r.plan_id,
    projectId: r.project_id,
    customerId: r.customer_id,
    providerCustomerId: r.provider_customer_id,
    adminEmail: r.admin_email,
    baseDomain: r.base_domain,
    storageKind: r.storage_kind,
    adminConsoleUrl: r.admin_console_url,
    pluginOptions: r.plugin_options,
  };
}

/**
 * Locks the tenant row (`FOR UPDATE`) and reads it. Lock order across Orderly: order → resource →
 * tenant → tenant lock row, so the saga, Retry, Reset and Decommission never deadlock each other.
 */
export async function lockTenant(tx: Tx, id: number): Promise<TenantRow> {
  const got = await tx.selectFrom('tenants').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  if (!got) throw new NotFoundError('tenant');
  return toRow(await tenantQuery(tx).where('t.id', '=', id).executeTakeFirstOrThrow());
}

/** Reads a tenant without locking it (verify, presenters). */
export async function readTenant(db: Tx | Db, id: number): Promise<TenantRow> {
  return toRow(await tenantQuery(db).where('t.id', '=', id).executeTakeFirstOrThrow());
}

/** The tenant of a resource (locked), if the resource has one. */
export async function lockTenantOfResource(tx: Tx, resourceId: number): Promise<TenantRow | undefined> {
  const got = await tx
    .selectFrom('tenants')
    .select('id')
    .where('resource_id', '=', resourceId)
    .forUpdate()
    .executeTakeFirst();
  return got ? lockTenant(tx, got.id) : undefined;
}

/** The tenant's lock row, locked. */
export function lockRowOf(tx: Tx, tenantId: number) {
  return tx
    .selectFrom('tenant_locks')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .forUpdate()
    .executeTakeFirst();
}

/** The tenant's active run, if any. */
export function activeRunOf(tx: Tx, tenantId: number) {
  return tx
    .selectFrom('tenant_runs')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('status', 'in', ACTIVE_RUN_STATUSES)
    .executeTakeFirst();
}
