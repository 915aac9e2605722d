import { type Insertable, sql, type Updateable } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import type { CustomersTable, ProjectsTable, ServiceProvidersTable } from '../../../../platform/db/schema.js';
import type { CustomerRow } from './customer-repository.js';

/** Inserts an organization; returns the stored row. */
export function insertCustomer(tx: Tx, values: Insertable<CustomersTable>): Promise<CustomerRow> {
  return tx.insertInto('customers').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Sets the given columns of an organization and stamps `modified`; returns the stored row. */
export function updateCustomerRow(
  tx: Tx,
  customerId: number,
  set: Updateable<CustomersTable>,
): Promise<CustomerRow> {
  return tx
    .updateTable('customers')
    .set({ ...set, modified: sql<Date>`now()` })
    .where('id', '=', customerId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Registers an organization as a service provider; returns the provider's uuid. */
export function insertServiceProvider(
  tx: Tx,
  values: Insertable<ServiceProvidersTable>,
): Promise<{ uuid: string }> {
  return tx.insertInto('service_providers').values(values).returning('uuid').executeTakeFirstOrThrow();
}

/** Inserts a project; returns its id and uuid. */
export function insertProject(
  tx: Tx,
  values: Insertable<ProjectsTable>,
): Promise<{ id: number; uuid: string }> {
  return tx.insertInto('projects').values(values).returning(['id', 'uuid']).executeTakeFirstOrThrow();
}

/** Sets the given columns of a project and stamps `modified`. */
export async function updateProjectRow(
  tx: Tx,
  projectId: number,
  set: Updateable<ProjectsTable>,
): Promise<void> {
  await tx
    .updateTable('projects')
    .set({ ...set, modified: sql<Date>`now()` })
    .where('id', '=', projectId)
    .execute();
}

/** Soft-deletes a project: `removed_at` hides it everywhere; the row stays for orders and audit. */
export async function markProjectRemoved(tx: Tx, projectId: number): Promise<void> {
  await tx
    .updateTable('projects')
    .set({ removed_at: sql<Date>`now()` })
    .where('id', '=', projectId)
    .execute();
}
