import { sql } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import { SERVICE_STATE_CODES, STALE_PROCESSOR_MS, STALE_SERVICE_MS } from '../../domain/agent-states.js';

/** Aggregates of every identity, service and processor (Waldur `AgentStatsViewSet`). */
export async function agentStats(tx: Tx, now: Date) {
  const byOffering = await tx
    .selectFrom('site_agent_identities as i')
    .innerJoin('offerings as o', 'o.id', 'i.offering_id')
    .select(['o.name as offering_name', 'o.uuid as offering_uuid', sql<number>`count(*)::int`.as('count')])
    .groupBy(['o.id', 'o.name', 'o.uuid'])
    .orderBy('o.id')
    .execute();
  const services = await tx
    .selectFrom('site_agent_services')
    .select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`count(*) FILTER (WHERE state = ${sql.lit(SERVICE_STATE_CODES.Active)})::int`.as('active'),
      sql<number>`count(*) FILTER (WHERE state = ${sql.lit(SERVICE_STATE_CODES.Idle)})::int`.as('idle'),
      sql<number>`count(*) FILTER (WHERE state = ${sql.lit(SERVICE_STATE_CODES.Error)})::int`.as('error'),
      sql<number>`count(*) FILTER (WHERE modified < ${new Date(now.getTime() - STALE_SERVICE_MS)})::int`.as(
        'stale',
      ),
    ])
    .executeTakeFirstOrThrow();
  const byBackend = await tx
    .selectFrom('site_agent_processors')
    .select(['backend_type', sql<number>`count(*)::int`.as('count')])
    .groupBy('backend_type')
    .orderBy('backend_type')
    .execute();
  const processors = await tx
    .selectFrom('site_agent_processors')
    .select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`count(*) FILTER (WHERE last_run < ${new Date(now.getTime() - STALE_PROCESSOR_MS)})::int`.as(
        'stale',
      ),
    ])
    .executeTakeFirstOrThrow();
  return { byOffering, services, byBackend, processors };
}

/** Every identity with its offering and services, for the connection view. */
export async function agentsWithServices(tx: Tx) {
  const identities = await tx
    .selectFrom('site_agent_identities as i')
    .innerJoin('offerings as o', 'o.id', 'i.offering_id')
    .select([
      'i.id',
      'i.uuid',
      'i.name',
      'i.version',
      'i.last_restarted',
      'o.uuid as offering_uuid',
      'o.name as offering_name',
    ])
    .orderBy('i.id')
    .execute();
  const services = await tx
    .selectFrom('site_agent_services')
    .select(['identity_id', 'uuid', 'name', 'state', 'modified'])
    .orderBy('id')
    .execute();
  return { identities, services };
}
