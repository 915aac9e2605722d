import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/database.js';
import {
  DISCONNECTED_AFTER_MS,
  IDLE_AFTER_MS,
  LOG_ROWS_PER_IDENTITY,
  SERVICE_MOVES,
} from '../domain/agent-states.js';

/**
 * Waldur `mark_agent_services_as_inactive`: an Active service whose processors last ran more than
 * ten minutes ago becomes Idle (services without any processor run are left alone). Returns how many.
 */
export async function markIdleServices(tx: Tx, now: Date): Promise<number> {
  const threshold = new Date(now.getTime() - IDLE_AFTER_MS);
  const rows = await tx
    .updateTable('site_agent_services as s')
    .set({ state: SERVICE_MOVES.idle.to, modified: now })
    .where('s.state', 'in', [...SERVICE_MOVES.idle.from])
    .where(
      (eb) =>
        eb
          .selectFrom('site_agent_processors as p')
          .select(sql<Date>`max(p.last_run)`.as('m'))
          .whereRef('p.service_id', '=', 's.id'),
      '<=',
      threshold,
    )
    .returning('s.id')
    .execute();
  return rows.length;
}

/**
 * Waldur `mark_offering_backend_as_disconnected_after_timeout`: an agent kind that has not called
 * in for an hour is Disconnected until its next request. Returns how many.
 */
export async function markSilentAgentsDisconnected(tx: Tx, now: Date): Promise<number> {
  const rows = await tx
    .updateTable('site_agent_integration_statuses')
    .set({ status: 'Disconnected', modified: now })
    .where('status', '=', 'Active')
    .where('last_request_timestamp', '<', new Date(now.getTime() - DISCONNECTED_AFTER_MS))
    .returning('id')
    .execute();
  return rows.length;
}

/** Waldur `cleanup_site_agent_logs`: keeps the newest lines of each identity, deletes the rest. */
export async function trimAgentLogs(tx: Tx, keep = LOG_ROWS_PER_IDENTITY): Promise<number> {
  const r = await sql`
    DELETE FROM site_agent_logs l USING (
      SELECT id FROM (
        SELECT id, row_number() OVER (PARTITION BY identity_id ORDER BY timestamp DESC, id DESC) AS n
        FROM site_agent_logs
      ) ranked WHERE n > ${keep}
    ) old
    WHERE l.id = old.id`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}
