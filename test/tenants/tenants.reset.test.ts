import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LockLostError } from '../../src/flows/tenant-saga/errors.js';
import { fenced } from '../../src/flows/tenant-saga/fenced.js';
import type { Lease } from '../../src/flows/tenant-saga/lease.js';
import { DEFAULT_TENANT_SETTINGS } from '../../src/modules/tenants/app/settings.js';
import { keyFromString, secretBox } from '../../src/platform/secrets/secret-box.js';
import { startTestServer } from '../support/http.js';
import type { Marketplace } from '../support/order-factories.js';
import { TEST_SECRET_KEY } from '../support/tenant-wiring.js';
import { waitFor } from '../workflows/helpers.js';
import {
  dashed,
  effectCounts,
  eventsOf,
  makeTenantMarketplace,
  slug,
  startTenant,
  type TenantView,
  waitTenant,
} from './helpers.js';

let s: Awaited<ReturnType<typeof startTestServer>>;
let m: Marketplace;

beforeAll(async () => {
  s = await startTestServer({ workflows: true });
  m = await makeTenantMarketplace(s.tdb.db);
});
afterAll(() => s.close());

async function fault(body: Record<string, unknown>): Promise<string> {
  const r = await s.request<{ uuid: string }>('POST', '/api/provisioning-faults/', {
    token: m.staff.token,
    body,
  });
  expect(r.status, r.text).toBe(201);
  return r.body.uuid;
}
const holdStarted = (uuid: string) =>
  waitFor('the step to hold', async () => {
    const f = await s.tdb.db
      .selectFrom('provisioning_faults')
      .select('last_hold_started_at')
      .where('uuid', '=', dashed(uuid))
      .executeTakeFirst();
    return f?.last_hold_started_at != null;
  });
const get = async (uuid: string, token = m.staff.token) =>
  (await s.request<TenantView>('GET', `/api/tenants/${uuid}/`, { token })).body;
const post = <T = { code: string }>(
  uuid: string,
  action: string,
  token: string | undefined,
  body?: unknown,
) => s.request<T>('POST', `/api/tenants/${uuid}/${action}/`, { token, body });

describe('Reset', () => {
  it('is refused on a fresh lock, forced by staff with a reason, audited, and fences the old worker off', async () => {
    // Before the order: registered after it, the hold raced the saga past the step.
    const hold = await fault({
      step: 'create_admin_user',
      times: 1,
      message: 'hang here',
      hold_seconds: 600,
    });
    const t = await startTenant(s, m, m.owner, slug('stuck'));
    await holdStarted(hold);
    const live = await get(t.uuid);
    expect(live.lock).toMatchObject({ fresh: true });
    expect(live.current_run).toMatchObject({
      kind: 'provision',
      status: 'running',
      step: 'create_admin_user',
      try: 1,
    });
    expect(live.abilities.reset).toMatchObject({ allowed: false });
    expect(live.abilities.reset_force).toMatchObject({ allowed: true });

    const heldToken = Number(
      (
        await s.tdb.db
          .selectFrom('tenant_locks')
          .select('token')
          .where('tenant_id', '=', await idOf(t.uuid))
          .executeTakeFirstOrThrow()
      ).token,
    );
    Object.assign(staleLeaseIds, {
      tenantId: await idOf(t.uuid),
      runId: (
        await s.tdb.db
          .selectFrom('tenant_runs')
          .select('id')
          .where('tenant_id', '=', await idOf(t.uuid))
          .executeTakeFirstOrThrow()
      ).id,
    });
    const plain = await post(t.uuid, 'reset', m.providerOwner.token, { reason: 'stuck?' });
    expect([plain.status, plain.body.code]).toEqual([409, 'tenant.lock_fresh']);
    expect(
      (await post(t.uuid, 'reset', m.providerOwner.token, { reason: 'stuck', force: true })).status,
    ).toBe(403);
    expect((await post(t.uuid, 'reset', m.staff.token, { force: true })).status).toBe(400);
    const forced = await post<TenantView>(t.uuid, 'reset', m.staff.token, {
      reason: 'worker hung',
      force: true,
    });
    expect(forced.status, JSON.stringify(forced.body)).toBe(200);
    expect(forced.body).toMatchObject({ state: 'Failed', lock: null, current_run: null, attempt_number: 1 });
    expect(forced.body.last_failure).toMatchObject({
      failed_activity: 'create_admin_user',
      details: { code: 'reset', message: `Reset by ${m.staff.username}: worker hung` },
    });
    const events = await eventsOf(s, m.staff.token, t.uuid);
    expect(events.at(-1)).toMatchObject({
      type: 'tenant.provisioning.reset',
      actor: { username: m.staff.username },
      payload: {
        attempt_number: 1,
        run_kind: 'provision',
        step: 'create_admin_user',
        reason: 'worker hung',
        forced: true,
      },
    });
    expect(events.at(-1)?.payload.lock_holder).toMatch(/^test-/);
    const transition = await s.tdb.db
      .selectFrom('tenant_transitions')
      .select(['from_state', 'to_state', 'forced', 'reason'])
      .where(
        'tenant_id',
        '=',
        (
          await s.tdb.db
            .selectFrom('tenants')
            .select('id')
            .where('uuid', '=', dashed(t.uuid))
            .executeTakeFirstOrThrow()
        ).id,
      )
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(transition).toEqual({
      from_state: 'Provisioning',
      to_state: 'Failed',
      forced: true,
      reason: 'worker hung',
    });
    const order = await s.request<{ state: string; error_message: string }>(
      'GET',
      `/api/marketplace-orders/${t.creation_order_uuid}/`,
      { token: m.staff.token },
    );
    expect(order.body).toMatchObject({
      state: 'erred',
      error_message: `Reset by ${m.staff.username}: worker hung`,
    });

    // A write under the old token (the live worker's next checkpoint) is refused: the lock row is gone.
    await expect(
      fenced(sagaDeps(), { ...staleLease(t.uuid), token: heldToken }, async () => 'written'),
    ).rejects.toThrow(LockLostError);
    // The old execution wakes up (its workflow was cancelled): its checkpoint write is refused by the token.
    await waitFor(
      'the reset run to be cancelled',
      async () => (await s.engine?.getStatus(`tenant-${dashed(t.uuid)}-provision-1`))?.status === 'cancelled',
    );
    await s.request('DELETE', `/api/provisioning-faults/${hold}/`, { token: m.staff.token });
    const runs = await s.request<
      { steps: { step: string; status: string; tries_detail: { outcome: string }[] }[] }[]
    >('GET', `/api/tenants/${t.uuid}/runs/`, { token: m.staff.token });
    const step = runs.body[0]?.steps.find((x) => x.step === 'create_admin_user');
    expect(step?.status).toBe('abandoned');
    expect(step?.tries_detail.map((x) => x.outcome)).toEqual(['abandoned']);
    const completed = (await eventsOf(s, m.staff.token, t.uuid)).filter(
      (e) => e.type === 'tenant.provisioning.step_completed',
    );
    expect(completed.map((e) => e.payload.step)).not.toContain('create_admin_user');

    // Retry then reuses steps 1–4 and finds the admin user the abandoned try created: no second one.
    expect((await post(t.uuid, 'retry', m.providerOwner.token)).status).toBe(200);
    await waitTenant(s, m.staff.token, t.uuid, 'Active');
    expect((await effectCounts(s.tdb.db, dashed(t.uuid)))['create_admin_user:admin_user_created']).toBe(1);
  });

  it('is refused when there is nothing to reset, and checks 404 before 403', async () => {
    const t = await startTenant(s, m, m.owner, slug('calm'));
    await waitTenant(s, m.staff.token, t.uuid, 'Active');
    expect((await post(t.uuid, 'reset', m.outsider.token, { reason: 'x' })).status).toBe(404);
    expect((await post(t.uuid, 'reset', m.projectMember.token, { reason: 'x' })).status).toBe(403);
    const r = await post(t.uuid, 'reset', m.staff.token, { reason: 'x' });
    expect([r.status, r.body.code]).toEqual([409, 'tenant.invalid_state']);
  });
});

describe('a lock left behind on a Failed tenant', () => {
  it('makes a TERMINATE order err with the refused transition recorded; Reset clears the lock and the tenant stays Failed', async () => {
    await fault({ step: 'create_storage', times: 1, message: 'no', permanent: true });
    const t = await startTenant(s, m, m.owner, slug('left'));
    await waitTenant(s, m.staff.token, t.uuid, 'Failed');
    const id = await idOf(t.uuid);
    const run = await s.tdb.db
      .selectFrom('tenant_runs')
      .select('id')
      .where('tenant_id', '=', id)
      .executeTakeFirstOrThrow();
    // What a crash between a run's end and its lock release would leave: a lock nobody beats.
    const hourAgo = new Date(Date.now() - 3_600_000);
    await s.tdb.db
      .insertInto('tenant_locks')
      .values({
        tenant_id: id,
        run_id: run.id,
        holder: 'ghost',
        token: 1,
        acquired_at: hourAgo,
        heartbeat_at: hourAgo,
      })
      .execute();
    const blocked = await post(t.uuid, 'decommission', m.owner.token, { reason: 'x' });
    expect([blocked.status, blocked.body.code]).toEqual([409, 'tenant.lock_held']);
    const viaResource = await s.request<{ order_uuid: string }>(
      'POST',
      `/api/marketplace-resources/${t.resource_uuid}/terminate/`,
      { token: m.owner.token },
    );
    expect(viaResource.status, JSON.stringify(viaResource.body)).toBe(200);
    const order = await s.request<{ state: string; error_message: string }>(
      'GET',
      `/api/marketplace-orders/${viaResource.body.order_uuid}/`,
      { token: m.staff.token },
    );
    expect(order.body.state).toBe('erred');
    expect(order.body.error_message).toContain('reset it first');
    const last = await s.tdb.db
      .selectFrom('tenant_transitions')
      .select(['from_state', 'to_state', 'is_valid'])
      .where('tenant_id', '=', id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(last).toEqual({ from_state: 'Failed', to_state: 'Decommissioning', is_valid: false });
    const reset = await post<TenantView>(t.uuid, 'reset', m.providerOwner.token, {
      reason: 'clear the ghost lock',
    });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    expect(reset.body).toMatchObject({ state: 'Failed', lock: null, attempt_number: 1 });
    expect((await eventsOf(s, m.staff.token, t.uuid)).at(-1)?.payload).toMatchObject({
      run_kind: null,
      lock_holder: 'ghost',
      forced: false,
    });
  });
});

const idOf = async (uuid: string) =>
  (
    await s.tdb.db
      .selectFrom('tenants')
      .select('id')
      .where('uuid', '=', dashed(uuid))
      .executeTakeFirstOrThrow()
  ).id;
const staleLeaseIds = { tenantId: 0, runId: 0 };
const sagaDeps = () => ({
  db: s.tdb.db,
  databaseUrl: s.tdb.url,
  secrets: secretBox(keyFromString(TEST_SECRET_KEY)),
  settings: DEFAULT_TENANT_SETTINGS,
  logger: pino({ level: 'silent' }),
});
/** The lease the old worker holds in memory, with its old token. */
function staleLease(_uuid: string): Lease {
  const never = new AbortController();
  return {
    ...staleLeaseIds,
    kind: 'provision',
    number: 1,
    orderId: 0,
    token: 0,
    worker: 'old',
    signal: never.signal,
    lost: () => false,
    workerLost: undefined,
    stop: () => undefined,
  };
}
