import { type Insertable, sql } from 'kysely';
import type { Db, Tx } from '../../../../platform/db/database.js';
import type {
  CertificateAuthoritiesTable,
  TenantCertificatesTable,
  TenantSetupLinksTable,
  TenantStorageTable,
} from '../../../../platform/db/schema-tenants.js';

// The writes of the tenant's infrastructure rows (certificates, CA, storage, setup link, console
// endpoint, slot, schedule): the adapters that perform the effects call these, so only
// `adapters/pg/` writes tenant tables (issue 13 table ownership).

/** Stores the local CA once (a concurrent first use keeps the other's row). */
export async function insertLocalCa(db: Db, values: Insertable<CertificateAuthoritiesTable>): Promise<void> {
  await db
    .insertInto('certificate_authorities')
    .values(values)
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

/** Stores an issued tenant certificate. */
export async function insertCertificate(tx: Tx, values: Insertable<TenantCertificatesTable>): Promise<void> {
  await tx.insertInto('tenant_certificates').values(values).execute();
}

/** Revokes every live certificate of the tenant; returns how many were live. */
export async function revokeCertificates(tx: Tx, tenantId: number): Promise<number> {
  const r = await tx
    .updateTable('tenant_certificates')
    .set({ revoked_at: sql<Date>`now()` })
    .where('tenant_id', '=', tenantId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Records the tenant's storage and its sealed password (a re-created role replaces the password). */
export async function upsertStorageRow(tx: Tx, values: Insertable<TenantStorageTable>): Promise<void> {
  await tx
    .insertInto('tenant_storage')
    .values(values)
    .onConflict((oc) =>
      oc.column('tenant_id').doUpdateSet({ password_enc: values.password_enc, key_id: values.key_id }),
    )
    .execute();
}

/** Forgets the tenant's storage (dropped). */
export async function deleteStorageRow(tx: Tx, tenantId: number): Promise<void> {
  await tx.deleteFrom('tenant_storage').where('tenant_id', '=', tenantId).execute();
}

/** Keeps the sealed one-time setup link (the first one wins: a re-run keeps the original). */
export async function keepSetupLink(tx: Tx, values: Insertable<TenantSetupLinksTable>): Promise<void> {
  await tx
    .insertInto('tenant_setup_links')
    .values(values)
    .onConflict((oc) => oc.column('tenant_id').doNothing())
    .execute();
}

/** Erases the setup link's token as it is shown. */
export async function markSetupLinkShown(tx: Tx, tenantId: number): Promise<void> {
  await tx
    .updateTable('tenant_setup_links')
    .set({ token_enc: null, shown_at: sql<Date>`now()` })
    .where('tenant_id', '=', tenantId)
    .execute();
}

/** Announces this process's tenant console listener. */
export async function upsertConsoleEndpoint(
  db: Db,
  v: { executor_id: string; host: string; port: number },
): Promise<void> {
  await db
    .insertInto('tenant_console_endpoints')
    .values(v)
    .onConflict((oc) =>
      oc.column('executor_id').doUpdateSet({ host: v.host, port: v.port, updated_at: new Date() }),
    )
    .execute();
}

/** Withdraws this process's console listener (on stop). */
export async function deleteConsoleEndpoint(db: Db, executorId: string, port: number): Promise<void> {
  await db
    .deleteFrom('tenant_console_endpoints')
    .where('executor_id', '=', executorId)
    .where('port', '=', port)
    .execute();
}

/** Claims the tenant's slot of its plan (the caller holds the plan's row lock). */
export async function claimSlot(tx: Tx, tenantId: number, planId: number): Promise<void> {
  await tx.insertInto('tenant_slots').values({ tenant_id: tenantId, plan_id: planId }).execute();
}

/** Releases the tenant's slot; returns whether it held one. */
export async function releaseSlotRow(tx: Tx, tenantId: number): Promise<boolean> {
  const r = await tx.deleteFrom('tenant_slots').where('tenant_id', '=', tenantId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
