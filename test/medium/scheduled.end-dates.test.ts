import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduledOrderJobs } from '../../src/modules/orders/adapters/jobs/scheduled-jobs.js';
import { orderStateFromCode } from '../../src/modules/orders/domain/order-state.js';
import { orderTypeFromCode } from '../../src/modules/orders/domain/order-type.js';
import { resourceStateFromCode } from '../../src/modules/resources/domain/resource-state.js';
import { startSchedule } from '../../src/platform/jobs/periodic.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { makeProject } from '../support/factories.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { makeOrder, makeResource, type TestResource } from '../support/resource-factories.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const DAY = 86_400_000;
// One clock for the whole file: every run happens "at" T0, so dates and runs agree across midnight.
const T0 = new Date();
const day = (offset: number) => new Date(T0.getTime() + offset * DAY).toISOString().slice(0, 10);
const schedule = () => startSchedule(t.db, scheduledOrderJobs(60_000), pino({ level: 'silent' }), false);

/** The orders of a resource, oldest first, as labels. */
async function ordersOf(r: TestResource) {
  const rows = await t.db
    .selectFrom('orders as o')
    .leftJoin('users as u', 'u.id', 'o.created_by')
    .select(['o.id', 'o.type', 'o.state', 'o.request_comment', 'u.username'])
    .where('o.resource_id', '=', r.id)
    .orderBy('o.id')
    .execute();
  return rows.map((o) => ({
    id: o.id,
    type: orderTypeFromCode(o.type),
    state: orderStateFromCode(o.state),
    comment: o.request_comment,
    by: o.username,
  }));
}

async function stateOf(r: TestResource) {
  const row = await t.db
    .selectFrom('resources')
    .select('state')
    .where('id', '=', r.id)
    .executeTakeFirstOrThrow();
  return resourceStateFromCode(row.state);
}

const endsOn = (r: TestResource, date: string) =>
  t.db.updateTable('resources').set({ end_date: date }).where('id', '=', r.id).execute();

describe('test_tasks: resource end date (terminate_expired_resources)', () => {
  it('an OK resource whose end date is today gets a Terminate order by the system robot, once', async () => {
    const m = await makeMarketplace(t.db);
    const r = await makeResource(t.db, m);
    const future = await makeResource(t.db, m);
    await endsOn(r, day(0));
    await endsOn(future, day(1));
    const out = await schedule().tick(T0);
    expect(out['orders.resource-end-date']).toBe(1);
    const terminate = (await ordersOf(r)).at(-1);
    expect(terminate).toMatchObject({
      type: 'Terminate',
      state: 'pending-provider',
      by: 'system_robot',
      comment: 'The resource has reached its end date.',
    });
    expect(await stateOf(r)).toBe('Terminating');
    expect((await ordersOf(future)).map((o) => o.type)).toEqual(['Create']);
    // The provider approvers are asked, like for any order entering pending-provider.
    const mail = await t.db
      .selectFrom('notifications')
      .select(['kind', 'recipient_id'])
      .where('order_id', '=', terminate?.id ?? 0)
      .execute();
    expect(mail.map((x) => x.recipient_id).sort()).toEqual(
      [m.providerOwner.id, m.customerManager.id, m.offeringManager.id].sort(),
    );
    expect(new Set(mail.map((x) => x.kind))).toEqual(new Set(['approval_request']));
    expect((await schedule().tick(T0))['orders.resource-end-date']).toBe(0);
    expect((await ordersOf(r)).filter((o) => o.type === 'Terminate')).toHaveLength(1);
  });

  it('an Erred resource past its end date is terminated; Creating and Terminated ones are not', async () => {
    const m = await makeMarketplace(t.db);
    const erred = await makeResource(t.db, m, { state: 'Erred' });
    const creating = await makeResource(t.db, m, { state: 'Creating', creation: 'executing' });
    const gone = await makeResource(t.db, m, { state: 'Terminated' });
    for (const r of [erred, creating, gone]) await endsOn(r, day(-3));
    await schedule().tick(T0);
    expect((await ordersOf(erred)).at(-1)).toMatchObject({ type: 'Terminate', state: 'pending-provider' });
    expect((await ordersOf(creating)).map((o) => o.type)).toEqual(['Create']);
    expect((await ordersOf(gone)).map((o) => o.type)).toEqual(['Create']);
  });

  it('a type without provider review starts terminating at once', async () => {
    const m = await makeMarketplace(t.db, 'Support.OfferingTemplate');
    const r = await makeResource(t.db, m);
    await endsOn(r, day(0));
    await schedule().tick(T0);
    expect((await ordersOf(r)).at(-1)).toMatchObject({ type: 'Terminate', state: 'executing' });
  });
});

describe('utils.terminate_resource rules', () => {
  it('skips a resource with an executing order, or whose terminate erred within the last day', async () => {
    const m = await makeMarketplace(t.db);
    const busy = await makeResource(t.db, m);
    await makeOrder(t.db, m, busy, { type: 'Update', state: 'executing' });
    const failedRecently = await makeResource(t.db, m);
    await makeOrder(t.db, m, failedRecently, { type: 'Terminate', state: 'erred' });
    const failedLongAgo = await makeResource(t.db, m);
    const old = await makeOrder(t.db, m, failedLongAgo, { type: 'Terminate', state: 'erred' });
    await t.db
      .updateTable('orders')
      .set({ modified: new Date(T0.getTime() - 2 * DAY) })
      .where('id', '=', old.id)
      .execute();
    for (const r of [busy, failedRecently, failedLongAgo]) await endsOn(r, day(-1));
    expect((await schedule().tick(T0))['orders.resource-end-date']).toBe(1);
    expect((await ordersOf(busy)).map((o) => o.type)).toEqual(['Create', 'Update']);
    expect((await ordersOf(failedRecently)).map((o) => o.type)).toEqual(['Create', 'Terminate']);
    expect((await ordersOf(failedLongAgo)).map((o) => `${o.type}:${o.state}`)).toEqual([
      'Create:done',
      'Terminate:erred',
      'Terminate:pending-provider',
    ]);
  });

  it('cancels pending-consumer and pending-provider orders before terminating', async () => {
    const m = await makeMarketplace(t.db);
    const r = await makeResource(t.db, m, { state: 'Erred' });
    await makeOrder(t.db, m, r, { type: 'Update', state: 'pending-consumer' });
    await endsOn(r, day(0));
    await schedule().tick(T0);
    expect((await ordersOf(r)).map((o) => `${o.type}:${o.state}`)).toEqual([
      'Create:done',
      'Update:canceled',
      'Terminate:pending-provider',
    ]);
    expect(await stateOf(r)).toBe('Terminating');
  });

  it('leaves resources of blocked organizations alone (the terminate order would be refused)', async () => {
    const m = await makeMarketplace(t.db);
    const r = await makeResource(t.db, m);
    await endsOn(r, day(0));
    await t.db.updateTable('customers').set({ blocked: true }).where('id', '=', m.customer.id).execute();
    expect((await schedule().tick(T0))['orders.resource-end-date']).toBe(0);
    expect((await ordersOf(r)).map((o) => o.type)).toEqual(['Create']);
  });

  it('two schedules running at once (two workers) create exactly one Terminate order', async () => {
    const m = await makeMarketplace(t.db);
    const r = await makeResource(t.db, m);
    await endsOn(r, day(0));
    const [a, b] = await Promise.all([schedule().tick(T0), schedule().tick(T0)]);
    expect((a['orders.resource-end-date'] ?? 0) + (b['orders.resource-end-date'] ?? 0)).toBe(1);
    expect((await ordersOf(r)).filter((o) => o.type === 'Terminate')).toHaveLength(1);
  });
});

describe('test_tasks / AllocationCleanupTest: project end date', () => {
  async function inEndedProject(type: string): Promise<Marketplace> {
    const m = await makeMarketplace(t.db, type);
    const project = await makeProject(t.db, m.customer.id, { end_date: day(-1) });
    return { ...m, project };
  }

  it('every OK or Erred resource of a project past its end date gets a Terminate order (Slurm too)', async () => {
    for (const type of ['Marketplace.Basic', 'Marketplace.Slurm']) {
      const m = await inEndedProject(type);
      const ok = await makeResource(t.db, m);
      const erred = await makeResource(t.db, m, { state: 'Erred' });
      const terminated = await makeResource(t.db, m, { state: 'Terminated' });
      await schedule().tick(T0);
      for (const r of [ok, erred]) {
        expect((await ordersOf(r)).at(-1), type).toMatchObject({
          type: 'Terminate',
          state: 'pending-provider',
          comment: 'The project has reached its end date.',
        });
      }
      expect((await ordersOf(terminated)).map((o) => o.type)).toEqual(['Create']);
    }
  });

  it('a project ending later keeps its resources', async () => {
    const m = await makeMarketplace(t.db);
    const project = await makeProject(t.db, m.customer.id, { end_date: day(5) });
    const r = await makeResource(t.db, { ...m, project });
    await schedule().tick(T0);
    expect((await ordersOf(r)).map((o) => o.type)).toEqual(['Create']);
  });
});
