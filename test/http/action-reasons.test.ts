import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { createOrder, dashed, expectAct, orderRow, resourceRow } from '../support/order-api.js';
import { type Marketplace, makeMarketplace, makeOffering } from '../support/order-factories.js';

let s: TestServer;
let m: Marketplace;

beforeAll(async () => {
  s = await startTestServer();
  const base = await makeMarketplace(s.tdb.db);
  m = { ...base, offering: await makeOffering(s.tdb.db, base.provider.id, { type: 'Marketplace.Slurm' }) };
});
afterAll(() => s.close());

interface TransitionView {
  id: number;
  previous_id: number | null;
  from_state: string;
  to_state: string;
  action: string;
  actor_username: string | null;
  reason: string;
  is_valid: boolean;
}
interface EventView {
  event_type: string;
  reason: string;
  context: Record<string, unknown>;
}

/** `GET /api/marketplace-orders/{uuid}/transitions/` as staff. */
async function transitionsOf(uuid: string): Promise<TransitionView[]> {
  const r = await s.request<TransitionView[]>('GET', `/api/marketplace-orders/${uuid}/transitions/`, {
    token: m.staff.token,
  });
  expect(r.status, r.text).toBe(200);
  return r.body;
}

/** `GET /api/events/?order_uuid=…`, oldest first, as staff. */
async function eventsOf(uuid: string): Promise<EventView[]> {
  const r = await s.request<EventView[]>('GET', `/api/events/?order_uuid=${uuid}&o=created&page_size=100`, {
    token: m.staff.token,
  });
  expect(r.status, r.text).toBe(200);
  return r.body;
}

/** The order's transition rows in the database, oldest first. */
async function transitionRows(uuid: string) {
  const { id } = await orderRow(s.tdb.db, uuid);
  return s.tdb.db
    .selectFrom('order_transitions')
    .select(['id', 'previous_id', 'action', 'reason', 'is_valid', 'actor_id'])
    .where('order_id', '=', id)
    .orderBy('id')
    .execute();
}

/** Asserts that `action`'s reason is on its transition (API and row) and on its event (API and row). */
async function expectReason(uuid: string, action: string, reason: string) {
  expect((await transitionsOf(uuid)).filter((t) => t.action === action)).toEqual([
    expect.objectContaining({ reason, is_valid: true }),
  ]);
  expect((await transitionRows(uuid)).filter((t) => t.action === action)).toEqual([
    expect.objectContaining({ reason, is_valid: true }),
  ]);
  const events = (await eventsOf(uuid)).filter((e) => e.context.action === action);
  expect(events.length, `an event of ${action}`).toBeGreaterThan(0);
  for (const e of events) expect(e.reason, e.event_type).toBe(reason);
  const { id } = await orderRow(s.tdb.db, uuid);
  const rows = await s.tdb.db
    .selectFrom('events')
    .select(['reason'])
    .where('order_id', '=', id)
    .where(({ ref }) => ref('context', '->>').key('action'), '=', action)
    .execute();
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(row.reason).toBe(reason);
}

describe('every action’s reason is recorded on its transition and its events (issue 13)', () => {
  it('approve_by_consumer, approve_by_provider, retry and set_state_done', async () => {
    const o = await createOrder(s, m, m.projectAdmin, { attributes: { name: 'reasons-a' } });
    expect(o.state).toBe('pending-consumer');
    await expectAct(s, o.uuid, 'approve_by_consumer', m.owner, 200, { reason: 'budget checked' });
    await expectAct(s, o.uuid, 'approve_by_provider', m.providerOwner, 200, { reason: 'capacity reserved' });
    await expectAct(s, o.uuid, 'set_state_erred', m.staff, 200, {
      error_message: 'quota',
      error_traceback: '',
    });
    await expectAct(s, o.uuid, 'retry', m.providerOwner, 200, { reason: 'quota raised' });
    await expectAct(s, o.uuid, 'set_state_done', m.providerOwner, 200, { reason: 'account made by hand' });
    await expectReason(o.uuid, 'approve_by_consumer', 'budget checked');
    await expectReason(o.uuid, 'approve_by_provider', 'capacity reserved');
    await expectReason(o.uuid, 'retry', 'quota raised');
    await expectReason(o.uuid, 'set_state_done', 'account made by hand');
  });

  it('set_state_executing', async () => {
    const o = await createOrder(s, m, m.projectAdmin, { attributes: { name: 'reasons-b' } });
    await expectAct(s, o.uuid, 'set_state_executing', m.providerOwner, 200, { reason: 'agent picked it up' });
    await expectReason(o.uuid, 'set_state_executing', 'agent picked it up');
  });

  it('transitions are chained with previous_id, the first (creation routing) included', async () => {
    const o = await createOrder(s, m, m.owner, { attributes: { name: 'reasons-c' } });
    await expectAct(s, o.uuid, 'approve_by_provider', m.providerOwner, 200, { reason: 'ok' });
    await expectAct(s, o.uuid, 'set_state_done', m.providerOwner, 200, {});
    // A new order's effect on the resource (OK → Terminating at creation) is chained too.
    const t = await s.request(
      'POST',
      `/api/marketplace-resources/${o.marketplace_resource_uuid}/terminate/`,
      {
        token: m.owner.token,
        body: { reason: 'no longer needed' },
      },
    );
    expect(t.status, t.text).toBe(200);
    const rows = await transitionsOf(o.uuid);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows[0]?.previous_id).toBeNull();
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.previous_id).toBe(rows[i - 1]?.id);
    const resource = await resourceRow(s.tdb.db, o.marketplace_resource_uuid);
    const history = await s.tdb.db
      .selectFrom('resource_transitions')
      .select(['id', 'previous_id', 'action', 'reason'])
      .where('resource_id', '=', resource.id)
      .orderBy('id')
      .execute();
    expect(history.at(-1)).toMatchObject({ action: 'order.created.terminate', reason: 'no longer needed' });
    expect(history[0]?.previous_id).toBeNull();
    for (let i = 1; i < history.length; i++) expect(history[i]?.previous_id).toBe(history[i - 1]?.id);
  });
});

describe('refused transitions are recorded (G5)', () => {
  it('an order action the state machine refuses: 409, and a refused transition row', async () => {
    const o = await createOrder(s, m, m.owner, { attributes: { name: 'refused-a' } });
    expect(o.state).toBe('pending-provider');
    await expectAct(s, o.uuid, 'set_state_done', m.providerOwner, 409, { reason: 'too early' });
    const refused = (await transitionsOf(o.uuid)).filter((t) => !t.is_valid);
    expect(refused).toEqual([
      expect.objectContaining({
        from_state: 'pending-provider',
        to_state: 'done',
        action: 'set_state_done',
        actor_username: m.providerOwner.username,
      }),
    ]);
    expect(refused[0]?.reason).toBe('Order must be Executing.');
    const rows = await transitionRows(o.uuid);
    expect(rows.at(-1)).toMatchObject({ is_valid: false, actor_id: m.providerOwner.id });
    expect(rows.at(-1)?.previous_id).toBe(rows.at(-2)?.id);
    // The refusal changed nothing else: the order still waits for the provider.
    const r = await s.request<{ state: string }>('GET', `/api/marketplace-orders/${o.uuid}/`, {
      token: m.staff.token,
    });
    expect(r.body.state).toBe('pending-provider');
  });

  it('a resource state action the state machine refuses: 409, and a refused resource transition row', async () => {
    const o = await createOrder(s, m, m.owner, { attributes: { name: 'refused-b' } });
    await expectAct(s, o.uuid, 'approve_by_provider', m.providerOwner, 200, {});
    await expectAct(s, o.uuid, 'set_state_done', m.providerOwner, 200, {});
    const resource = await resourceRow(s.tdb.db, o.marketplace_resource_uuid);
    const r = await s.request(
      'POST',
      `/api/marketplace-provider-resources/${o.marketplace_resource_uuid}/set_state_ok/`,
      { token: m.staff.token, body: { reason: 'already fine' } },
    );
    expect(r.status, r.text).toBe(409);
    const rows = await s.tdb.db
      .selectFrom('resource_transitions')
      .select(['id', 'previous_id', 'from_state', 'to_state', 'action', 'is_valid', 'actor_id'])
      .where('resource_id', '=', resource.id)
      .orderBy('id')
      .execute();
    expect(rows.at(-1)).toMatchObject({ action: 'set_state_ok', is_valid: false, actor_id: m.staff.id });
    expect(rows.at(-1)?.previous_id).toBe(rows.at(-2)?.id);
    expect((await resourceRow(s.tdb.db, dashed(o.marketplace_resource_uuid))).state).toBe(resource.state);
  });
});
