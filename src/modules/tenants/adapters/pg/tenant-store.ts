import { type Insertable, sql } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import type { TenantsTable, TenantTransitionsTable } from '../../../../platform/db/schema-tenants.js';
import type { TenantState } from '../../domain/tenant-state.js';

/**
 * Inserts a tenant (its slug reservation); undefined when a live tenant holds the slug (the
 * partial unique index decides a race).
 */
export function insertTenant(tx: Tx, values: Insertable<TenantsTable>) {
  return (
    tx
      .insertInto('tenants')
      .values(values)
      // The index predicate as a literal: with a parameter a generic plan cannot match the index.
      .onConflict((oc) => oc.column('slug').where(sql<boolean>`state <> 'Decommissioned'`).doNothing())
      .returning(['id', 'uuid'])
      .executeTakeFirst()
  );
}

/** Writes the tenant's public state; only `app/lifecycle.ts` `settleRun` calls it, after `transition`. */
export async function setTenantState(tx: Tx, tenantId: number, to: TenantState): Promise<void> {
  await tx
    .updateTable('tenants')
    .set({
      state: to,
      modified: sql<Date>`now()`,
      ...(to === 'Active' ? { activated_at: sql<Date>`now()` } : {}),
      ...(to === 'Decommissioned' ? { decommissioned_at: sql<Date>`now()` } : {}),
    })
    .where('id', '=', tenantId)
    .execute();
}

/** Records the admin console URL (activate). */
export async function setAdminConsoleUrl(tx: Tx, tenantId: number, url: string): Promise<void> {
  await tx.updateTable('tenants').set({ admin_console_url: url }).where('id', '=', tenantId).execute();
}

/** Takes the tenant's next event sequence number (the update also serialises the tenant's writers). */
export async function nextEventSeq(tx: Tx, tenantId: number): Promise<number> {
  const { event_seq } = await tx
    .updateTable('tenants')
    .set({ event_seq: sql<number>`event_seq + 1` })
    .where('id', '=', tenantId)
    .returning('event_seq')
    .executeTakeFirstOrThrow();
  return event_seq;
}

/** Appends a transition row chained to the tenant's previous one (append-only, G5). */
export async function appendTransition(
  tx: Tx,
  row: Omit<Insertable<TenantTransitionsTable>, 'previous_id'> & { tenant_id: number },
): Promise<void> {
  await tx
    .insertInto('tenant_transitions')
    .values({
      ...row,
      previous_id: sql<number>`(SELECT max(id) FROM tenant_transitions WHERE tenant_id = ${row.tenant_id})`,
    })
    .execute();
}
