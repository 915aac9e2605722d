import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import {
  approvedOrder,
  createOrder,
  dashed,
  expectAct,
  type OrderView,
  orderRow,
  resourceOrder,
  rowCounts,
} from '../support/order-api.js';
import { type Marketplace, makeMarketplace, makeOffering } from '../support/order-factories.js';

let s: TestServer;
let m: Marketplace;
let slurm: Marketplace;
let support: Marketplace;

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db);
  slurm = { ...m, offering: await makeOffering(s.tdb.db, m.provider.id, { type: 'Marketplace.Slurm' }) };
  support = {
    ...m,
    offering: await makeOffering(s.tdb.db, m.provider.id, { type: 'Support.OfferingTemplate' }),
  };
});
afterAll(() => s.close());

/** The events of one order, oldest first. */
async function eventsOf(uuid: string) {
  const { id } = await orderRow(s.tdb.db, uuid);
  return s.tdb.db
    .selectFrom('events')
    .select([
      'event_type',
      'message',
      'level',
      'actor_id',
      'reason',
      'context',
      'resource_id',
      'project_id',
      'customer_id',
    ])
    .where('order_id', '=', id)
    .orderBy('id')
    .execute();
}
const types = async (uuid: string) => (await eventsOf(uuid)).map((e) => e.event_type);

/** Waldur's order event text (§12.2). */
const text = (o: OrderView, verb: string, type = 'Create') =>
  `Marketplace order for resource ${o.resource_name} has been ${verb}. Type: ${type}`;

describe('§12.2 order events, one per state entered', () => {
  it('a Basic order: requested at creation, Orderly’s review event on consumer approval, then approved, completed and create_succeeded', async () => {
    const o = await createOrder(s, m, m.projectAdmin, { attributes: { name: 'vm-events' } });
    expect(await types(o.uuid)).toEqual(['marketplace_resource_create_requested']);
    await expectAct(s, o.uuid, 'approve_by_consumer', m.owner, 200, { reason: 'budget checked' });
    // Waldur records nothing here; Orderly's own event says who approved and why.
    const review = (await eventsOf(o.uuid))[1];
    expect(review).toMatchObject({
      event_type: 'marketplace_order_review_approved',
      actor_id: m.owner.id,
      reason: 'budget checked',
      message: 'Marketplace order for resource vm-events has been approved by the consumer. Type: Create',
    });
    expect(review?.context).toMatchObject({
      action: 'approve_by_consumer',
      verb: 'approved by the consumer',
      from_state: 'pending-consumer',
      to_state: 'pending-provider',
    });
    await expectAct(s, o.uuid, 'approve_by_provider', m.providerOwner, 200, {});
    const events = (await eventsOf(o.uuid)).filter(
      (e) => e.event_type !== 'marketplace_order_review_approved',
    );
    expect(events.map((e) => e.event_type)).toEqual([
      'marketplace_resource_create_requested',
      'marketplace_order_approved',
      'marketplace_order_completed',
      'marketplace_resource_create_succeeded',
    ]);
    expect(events[1]?.message).toBe(
      'Marketplace order for resource vm-events has been approved. Type: Create',
    );
    expect(events[2]?.message).toBe(
      'Marketplace order for resource vm-events has been completed. Type: Create',
    );
    expect(events[1]).toMatchObject({ actor_id: m.providerOwner.id, level: 'info' });
    expect(events[1]?.context).toMatchObject({
      order_uuid: dashed(o.uuid),
      type: 'Create',
      resource_name: 'vm-events',
    });
    const res = await s.tdb.db
      .selectFrom('resources')
      .select(['id', 'project_id'])
      .where('uuid', '=', dashed(o.marketplace_resource_uuid))
      .executeTakeFirstOrThrow();
    expect(events[1]).toMatchObject({
      resource_id: res.id,
      project_id: res.project_id,
      customer_id: m.customer.id,
    });
  });

  it('marketplace_order_created is never emitted', async () => {
    await createOrder(s, m, m.owner);
    const created = await s.tdb.db
      .selectFrom('events')
      .select('id')
      .where('event_type', '=', 'marketplace_order_created')
      .execute();
    expect(created).toEqual([]);
  });

  it('an order auto-approved into executing at creation gets the approved event', async () => {
    const o = await createOrder(s, support, m.owner);
    expect(o.state).toBe('executing');
    const events = await eventsOf(o.uuid);
    expect(events.map((e) => e.event_type)).toEqual([
      'marketplace_resource_create_requested',
      'marketplace_order_approved',
    ]);
    expect(events[1]?.message).toBe(text(o, 'approved'));
  });

  it('rejection by the consumer or the provider: "has been rejected"', async () => {
    const byConsumer = await createOrder(s, m, m.projectAdmin);
    await expectAct(s, byConsumer.uuid, 'reject_by_consumer', m.owner, 200, {});
    const byProvider = await createOrder(s, m, m.owner);
    await expectAct(s, byProvider.uuid, 'reject_by_provider', m.providerOwner, 200, {
      provider_rejection_comment: 'no',
    });
    for (const o of [byConsumer, byProvider]) {
      const last = (await eventsOf(o.uuid)).find((e) => e.event_type === 'marketplace_order_rejected');
      expect(last?.message).toBe(text(o, 'rejected'));
    }
  });

  it('cancel: "has been terminated"', async () => {
    const o = await createOrder(s, support, m.projectAdmin);
    await expectAct(s, o.uuid, 'cancel', m.owner, 202);
    const e = (await eventsOf(o.uuid)).find((x) => x.event_type === 'marketplace_order_terminated');
    expect(e?.message).toBe(text(o, 'terminated'));
  });

  it('set_state_erred: "has been marked as failed" at level error, and the resource failed event carries the message', async () => {
    const o = await approvedOrder(s, slurm);
    await expectAct(s, o.uuid, 'set_state_erred', m.providerOwner, 200, {
      error_message: 'disk quota',
      error_traceback: 'tb',
    });
    const events = await eventsOf(o.uuid);
    const failed = events.find((e) => e.event_type === 'marketplace_order_failed');
    expect(failed).toMatchObject({ message: text(o, 'marked as failed'), level: 'error' });
    const resourceFailed = events.find((e) => e.event_type === 'marketplace_resource_create_failed');
    expect(resourceFailed?.level).toBe('error');
    expect(resourceFailed?.message.endsWith(': disk quota')).toBe(true);
  });

  it('retry re-enters executing: another approved event; set_state_done then completes', async () => {
    const o = await approvedOrder(s, slurm);
    await expectAct(s, o.uuid, 'set_state_erred', m.staff, 200, { error_message: 'x', error_traceback: '' });
    await expectAct(s, o.uuid, 'retry', m.providerOwner, 200, { reason: 'partition fixed' });
    await expectAct(s, o.uuid, 'set_state_done', m.providerOwner, 200, { reason: 'account created by hand' });
    expect((await types(o.uuid)).filter((t) => t.startsWith('marketplace_order_'))).toEqual([
      'marketplace_order_approved',
      'marketplace_order_failed',
      'marketplace_order_approved',
      'marketplace_order_completed',
    ]);
    const last = (await eventsOf(o.uuid)).at(-2);
    expect(last).toMatchObject({
      message: text(o, 'completed'),
      actor_id: m.providerOwner.id,
      reason: 'account created by hand',
    });
    expect(last?.context).toMatchObject({ action: 'set_state_done', verb: 'marked as done' });
    // Waldur's message says "approved" again; the action, verb and reason say it was a retry.
    const retried = (await eventsOf(o.uuid)).filter((e) => e.event_type === 'marketplace_order_approved')[1];
    expect(retried).toMatchObject({ message: text(o, 'approved'), reason: 'partition fixed' });
    expect(retried?.context).toMatchObject({ action: 'retry', verb: 'retried' });
  });

  it('refused actions write no event (the event is in the same transaction as the change)', async () => {
    const o = await createOrder(s, m, m.owner);
    const before = await rowCounts(s.tdb.db);
    await expectAct(s, o.uuid, 'approve_by_consumer', m.owner, 409);
    await expectAct(s, o.uuid, 'approve_by_provider', m.projectAdmin, 403, {});
    await expectAct(s, o.uuid, 'set_state_erred', m.staff, 405, {});
    // Only the state machine's refusal (the 409) is history: one refused transition row (G5).
    expect(await rowCounts(s.tdb.db)).toEqual({ ...before, transitions: before.transitions + 1 });
  });

  it('unlink writes marketplace_order_unlinked before the order row goes', async () => {
    const o = await createOrder(s, m, m.projectAdmin);
    await expectAct(s, o.uuid, 'unlink', m.staff, 204);
    const e = await s.tdb.db
      .selectFrom('events')
      .select(['event_type', 'context'])
      .where('event_type', '=', 'marketplace_order_unlinked')
      .execute();
    expect(e.map((x) => x.context)).toContainEqual(expect.objectContaining({ order_uuid: dashed(o.uuid) }));
  });
});

describe('§17 b: "requested" events keyed by order type, once per order at creation', () => {
  it('UPDATE → update_requested, TERMINATE → terminate_requested, RESTORE → create_requested', async () => {
    const a = await approvedOrder(s, m);
    const update = await resourceOrder(s.tdb.db, m.owner, a.marketplace_resource_uuid, {
      type: 'Update',
      limits: { cpu: 4 },
      attributes: { old_limits: { cpu: 2 } },
    });
    expect(await types(update)).toEqual(['marketplace_resource_update_requested']);
    await expectAct(s, update, 'reject_by_provider', m.providerOwner, 200, {});
    const terminate = await resourceOrder(s.tdb.db, m.owner, a.marketplace_resource_uuid, {
      type: 'Terminate',
    });
    expect(await types(terminate)).toEqual(['marketplace_resource_terminate_requested']);
    await expectAct(s, terminate, 'approve_by_provider', m.providerOwner, 200, {});
    const done = (await eventsOf(terminate)).map((e) => e.event_type);
    expect(done).toEqual([
      'marketplace_resource_terminate_requested',
      'marketplace_order_approved',
      'marketplace_order_completed',
      'marketplace_resource_terminate_succeeded',
    ]);
    expect(
      (await eventsOf(terminate)).find((e) => e.event_type === 'marketplace_order_completed')?.message,
    ).toBe(`Marketplace order for resource ${a.resource_name} has been completed. Type: Terminate`);
    const restore = await resourceOrder(s.tdb.db, m.owner, a.marketplace_resource_uuid, { type: 'Restore' });
    expect(await types(restore)).toEqual(['marketplace_resource_create_requested']);
    expect((await eventsOf(restore))[0]?.context).toMatchObject({
      type: 'Restore',
      order_uuid: dashed(restore),
    });
  });

  it('each order has exactly one requested event', async () => {
    const rows = await s.tdb.db
      .selectFrom('events')
      .select(['order_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('event_type', 'like', 'marketplace_resource_%_requested')
      .groupBy('order_id')
      .execute();
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) expect(Number(r.n)).toBe(1);
  });
});
