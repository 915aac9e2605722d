import type { Tx } from '../../../../platform/db/database.js';

/** Runs of a tenant, newest first, optionally of one kind. */
export function runsOf(tx: Tx, tenantId: number, kind?: 'provision' | 'decommission') {
  let q = tx
    .selectFrom('tenant_runs as r')
    .innerJoin('orders as o', 'o.id', 'r.order_id')
    .leftJoin('users as u', 'u.id', 'r.actor_id')
    .selectAll('r')
    .select(['o.uuid as order_uuid', 'u.username as actor_username'])
    .where('r.tenant_id', '=', tenantId)
    .orderBy('r.id', 'desc');
  if (kind) q = q.where('r.kind', '=', kind);
  return q.execute();
}

/** A run as {@link runsOf} reads it. */
export type RunRow = Awaited<ReturnType<typeof runsOf>>[number];

/** Step runs of the given runs, with their try counts. */
export function stepRunsOf(tx: Tx, runIds: number[]) {
  if (runIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('tenant_step_runs as s')
    .selectAll('s')
    .select((eb) =>
      eb
        .selectFrom('tenant_step_tries as tr')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('tr.step_run_id', '=', 's.id')
        .as('tries'),
    )
    .where('s.run_id', 'in', runIds)
    .orderBy('s.position')
    .orderBy('s.id')
    .execute();
}

/** A step run as {@link stepRunsOf} reads it. */
export type StepRunRow = Awaited<ReturnType<typeof stepRunsOf>>[number];

/** Tries of the given step runs, in order. */
export function triesOf(tx: Tx, stepRunIds: number[]) {
  if (stepRunIds.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('tenant_step_tries')
    .selectAll()
    .where('step_run_id', 'in', stepRunIds)
    .orderBy('try_number')
    .execute();
}

/** The tenant's newest certificate that is not revoked. */
export function currentCertificate(tx: Tx, tenantId: number) {
  return tx
    .selectFrom('tenant_certificates')
    .select(['serial', 'not_after'])
    .where('tenant_id', '=', tenantId)
    .where('revoked_at', 'is', null)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** The tenant's storage row, if created. */
export function storageRow(tx: Tx, tenantId: number) {
  return tx
    .selectFrom('tenant_storage')
    .select(['kind', 'name'])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
}
