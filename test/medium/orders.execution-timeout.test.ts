import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderJobs } from '../../src/modules/orders/adapters/jobs/order-jobs.js';
import { startSchedule } from '../../src/platform/jobs/periodic.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { makeCustomer, makeProject } from '../support/factories.js';
import { makeOffering } from '../support/order-factories.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

/** An order EXECUTING since `startedAt`, with its running attempt and a Creating resource. */
async function executingOrder(type: string, startedAt: Date) {
  const customer = await makeCustomer(t.db);
  const project = await makeProject(t.db, customer.id);
  const offering = await makeOffering(t.db, customer.id, { type });
  const r = await t.db
    .insertInto('resources')
    .values({ offering_id: offering.id, project_id: project.id, name: 'slow' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const o = await t.db
    .insertInto('orders')
    .values({
      resource_id: r.id,
      offering_id: offering.id,
      project_id: project.id,
      type: 1,
      state: 2,
      attempt_count: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('order_attempts')
    .values({ order_id: o.id, attempt_number: 1, trigger: 'approval', started_at: startedAt })
    .execute();
  return { orderId: o.id, resourceId: r.id };
}

describe('execution timeout', () => {
  it('fails interruptible EXECUTING orders older than the timeout with Waldur’s message, and leaves the rest', async () => {
    const now = new Date();
    const old = await executingOrder('Marketplace.Script', new Date(now.getTime() - 3 * 3600_000));
    const fresh = await executingOrder('Marketplace.Script', new Date(now.getTime() - 60_000));
    const agent = await executingOrder('Marketplace.Slurm', new Date(now.getTime() - 3 * 3600_000));
    // A Basic order waits for the provider to mark it done: hours in Executing are normal.
    const manual = await executingOrder('Marketplace.Basic', new Date(now.getTime() - 3 * 3600_000));
    const schedule = startSchedule(t.db, orderJobs(7200), pino({ level: 'silent' }), false);
    expect(await schedule.tick(now)).toEqual({ 'orders.execution-timeout': 1 });
    const state = async (id: number) =>
      await t.db
        .selectFrom('orders')
        .select(['state', 'error_message', 'completed_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    expect(await state(old.orderId)).toMatchObject({ state: 4, error_message: 'Execution has timed out.' });
    expect((await state(old.orderId)).completed_at).not.toBeNull();
    expect(
      (
        await t.db
          .selectFrom('resources')
          .select('state')
          .where('id', '=', old.resourceId)
          .executeTakeFirstOrThrow()
      ).state,
    ).toBe(3);
    expect((await state(fresh.orderId)).state).toBe(2);
    expect((await state(agent.orderId)).state).toBe(2);
    expect((await state(manual.orderId)).state).toBe(2);
    const attempt = await t.db
      .selectFrom('order_attempts')
      .select(['outcome', 'error_message'])
      .where('order_id', '=', old.orderId)
      .executeTakeFirstOrThrow();
    expect(attempt).toEqual({ outcome: 'erred', error_message: 'Execution has timed out.' });
    // Running again finds nothing: the transition happened exactly once.
    expect(await schedule.tick(now)).toEqual({ 'orders.execution-timeout': 0 });
    await schedule.stop();
  });

  it('two schedules ticking at once (two processes) transition a stale order exactly once', async () => {
    const now = new Date();
    await executingOrder('Marketplace.Script', new Date(now.getTime() - 3 * 3600_000));
    const a = startSchedule(t.db, orderJobs(7200), pino({ level: 'silent' }), false);
    const b = startSchedule(t.db, orderJobs(7200), pino({ level: 'silent' }), false);
    const [ra, rb] = await Promise.all([a.tick(now), b.tick(now)]);
    expect(ra['orders.execution-timeout']! + rb['orders.execution-timeout']!).toBe(1);
    const transitions = await t.db
      .selectFrom('order_transitions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('action', '=', 'timed_out')
      .executeTakeFirstOrThrow();
    expect(Number(transitions.n)).toBe(2);
  });
});
