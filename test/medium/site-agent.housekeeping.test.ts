import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteAgentJobs } from '../../src/modules/site-agent/adapters/jobs/agent-jobs.js';
import { trimAgentLogs } from '../../src/modules/site-agent/app/agent-housekeeping.js';
import { startSchedule } from '../../src/platform/jobs/periodic.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { makeCustomer, makeUser } from '../support/factories.js';
import { makeOffering } from '../support/order-factories.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const MIN = 60_000;

/** An identity with one service whose only processor last ran at `lastRun` (null: never). */
async function agent(lastRun: Date | null) {
  const customer = await makeCustomer(t.db);
  const offering = await makeOffering(t.db, customer.id, { type: 'Marketplace.Slurm' });
  const user = await makeUser(t.db);
  const i = await t.db
    .insertInto('site_agent_identities')
    .values({
      offering_id: offering.id,
      created_by_id: user.id,
      name: `agent-${offering.uuid}`,
      dependencies: '[]',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const s = await t.db
    .insertInto('site_agent_services')
    .values({ identity_id: i.id, name: 'order_process', statistics: '{}' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('site_agent_processors')
    .values({ service_id: s.id, name: 'OfferingOrderProcessor', backend_type: 'SLURM', last_run: lastRun })
    .execute();
  return { offeringId: offering.id, identityId: i.id, serviceId: s.id };
}

const stateOf = async (serviceId: number) =>
  (
    await t.db
      .selectFrom('site_agent_services')
      .select('state')
      .where('id', '=', serviceId)
      .executeTakeFirstOrThrow()
  ).state;

describe('site agent housekeeping jobs', () => {
  it('idles services whose processors stopped, disconnects silent agents, trims old log lines', async () => {
    const now = new Date('2026-12-06T12:00:00Z');
    const stopped = await agent(new Date(now.getTime() - 11 * MIN));
    const running = await agent(new Date(now.getTime() - 2 * MIN));
    const never = await agent(null);
    for (const [offeringId, minutesAgo] of [
      [stopped.offeringId, 61],
      [running.offeringId, 5],
    ] as const) {
      await t.db
        .insertInto('site_agent_integration_statuses')
        .values({
          offering_id: offeringId,
          agent_type: 'Order processing',
          status: 'Active',
          last_request_timestamp: new Date(now.getTime() - minutesAgo * MIN),
        })
        .execute();
    }

    const schedule = startSchedule(t.db, siteAgentJobs(), pino({ level: 'silent' }), false);
    const counts = await schedule.tick(now);
    await schedule.stop();
    expect(counts['site-agent.idle-services']).toBe(1);
    expect(counts['site-agent.disconnected']).toBe(1);
    expect(await stateOf(stopped.serviceId)).toBe(2);
    expect(await stateOf(running.serviceId)).toBe(1);
    expect(await stateOf(never.serviceId)).toBe(1);
    const statuses = await t.db
      .selectFrom('site_agent_integration_statuses')
      .select(['offering_id', 'status'])
      .orderBy('id')
      .execute();
    expect(statuses.map((x) => x.status)).toEqual(['Disconnected', 'Active']);

    await t.db
      .insertInto('site_agent_logs')
      .values(
        [1, 2, 3, 4, 5].map((n) => ({
          identity_id: running.identityId,
          timestamp: n,
          level: 'INFO',
          message: `line ${n}`,
          module: 'm',
        })),
      )
      .execute();
    expect(await t.db.transaction().execute((tx) => trimAgentLogs(tx, 2))).toBe(3);
    const kept = await t.db
      .selectFrom('site_agent_logs')
      .select('message')
      .where('identity_id', '=', running.identityId)
      .orderBy('timestamp')
      .execute();
    expect(kept.map((k) => k.message)).toEqual(['line 4', 'line 5']);
  });
});
