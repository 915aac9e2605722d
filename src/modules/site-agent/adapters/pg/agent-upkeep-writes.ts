import { sql } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import { DISCONNECTED_AFTER_MS, IDLE_AFTER_MS, SERVICE_MOVES } from '../../domain/agent-states.js';
import type { AgentType } from '../../domain/integration-status.js';

/** One log line as stored (the identity already resolved and authorized). */
export interface LogEntry {
  identityId: number;
  timestamp: number;
  level: string;
  message: string;
  module: string;
}

/** Inserts a batch of log lines; returns their ids in input order. */
export async function insertLogs(tx: Tx, entries: readonly LogEntry[]): Promise<number[]> {
  if (entries.length === 0) return [];
  const rows = await tx
    .insertInto('site_agent_logs')
    .values(
      entries.map((e) => ({
        identity_id: e.identityId,
        timestamp: e.timestamp,
        level: e.level,
        message: e.message,
        module: e.module,
      })),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Keeps the newest `keep` log lines of each identity and deletes the rest; returns how many went. */
export async function trimLogRows(tx: Tx, keep: number): Promise<number> {
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

/** Marks an offering's agent of this type Active, last seen `now` (inserted on its first request). */
export async function upsertIntegrationStatus(
  tx: Tx,
  offeringId: number,
  agentType: AgentType,
  serviceName: string,
  now: Date,
): Promise<void> {
  await tx
    .insertInto('site_agent_integration_statuses')
    .values({
      offering_id: offeringId,
      agent_type: agentType,
      status: 'Active',
      service_name: serviceName,
      last_request_timestamp: now,
    })
    .onConflict((oc) =>
      oc.columns(['offering_id', 'agent_type']).doUpdateSet({
        status: 'Active',
        service_name: sql`excluded.service_name`,
        last_request_timestamp: now,
        modified: now,
      }),
    )
    .execute();
}

/** Moves Active services whose processors last ran over ten minutes before `now` to Idle; returns how many. */
export async function markIdleServiceRows(tx: Tx, now: Date): Promise<number> {
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

/** Marks agent kinds silent for an hour before `now` Disconnected; returns how many. */
export async function markDisconnectedStatusRows(tx: Tx, now: Date): Promise<number> {
  const rows = await tx
    .updateTable('site_agent_integration_statuses')
    .set({ status: 'Disconnected', modified: now })
    .where('status', '=', 'Active')
    .where('last_request_timestamp', '<', new Date(now.getTime() - DISCONNECTED_AFTER_MS))
    .returning('id')
    .execute();
  return rows.length;
}
