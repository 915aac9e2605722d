import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TWO_RETRIES_WARNING } from '../../src/modules/tenants/domain/abilities.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, orderBody } from '../support/order-factories.js';
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

let s: TestServer;
let m: Marketplace;

beforeAll(async () => {
  s = await startTestServer({ workflows: true });
  m = await makeTenantMarketplace(s.tdb.db);
});
afterAll(() => s.close());

/** Injects a fault as staff; returns its uuid. */
async function fault(body: Record<string, unknown>): Promise<string> {
  const r = await s.request<{ uuid: string }>('POST', '/api/provisioning-faults/', {
    token: m.staff.token,
    body,
  });
  expect(r.status, r.text).toBe(201);
  return r.body.uuid;
}

type Run = {
  attempt_number: number;
  status: string;
  start_step: string;
  trigger: string;
  reused_steps: { step: string; from_attempt: number }[];
  steps: {
    step: string;
    status: string;
    reused_from_attempt: number | null;
    tries_detail: { outcome: string; error_code: string | null; next_try_at: string | null }[];
  }[];
};
const runs = async (uuid: string) =>
  (await s.request<Run[]>('GET', `/api/tenants/${uuid}/runs/?kind=provision`, { token: m.staff.token })).body;

describe('a failed step fails the run; Retry provisioning starts attempt 2 from the failed step', () => {
  it('lands in Failed with failed_activity, then attempt 2 reuses steps 1–3 and ends Active', async () => {
    const tag = slug('cert');
    await fault({ step: 'issue_certificate', times: 1, message: 'CA offline (drill)', permanent: true });
    const t = await startTenant(s, m, m.owner, tag);
    const failed = await waitTenant(s, m.staff.token, t.uuid, 'Failed');
    expect(failed.last_failure).toMatchObject({
      attempt_number: 1,
      failed_activity: 'issue_certificate',
      details: { code: 'fault.injected', message: 'CA offline (drill)', retryable: false, tries: 1 },
    });
    expect(failed.last_failure?.details.stack).toContain('StepError');
    const order = await s.request<{ state: string; error_message: string }>(
      'GET',
      `/api/marketplace-orders/${t.creation_order_uuid}/`,
      { token: m.owner.token },
    );
    expect(order.body).toMatchObject({
      state: 'erred',
      error_message: 'Provisioning failed at step issue_certificate: CA offline (drill)',
    });
    const res = await s.request<{ state: string }>('GET', `/api/marketplace-resources/${t.resource_uuid}/`, {
      token: m.owner.token,
    });
    expect(res.body.state).toBe('Erred');
    const asOwner = await s.request<TenantView>('GET', `/api/tenants/${t.uuid}/`, { token: m.owner.token });
    expect(asOwner.body.last_failure?.details.stack).toBeUndefined();

    const retried = await s.request<TenantView>('POST', `/api/tenants/${t.uuid}/retry/`, {
      token: m.providerOwner.token,
      body: { reason: 'CA is back' },
    });
    expect(retried.status, retried.text).toBe(200);
    expect(retried.body).toMatchObject({ state: 'Provisioning', attempt_number: 2, warning: null });
    const done = await waitTenant(s, m.staff.token, t.uuid, 'Active');
    expect(done.attempt_number).toBe(2);
    const [second, first] = await runs(t.uuid);
    expect(first?.status).toBe('failed');
    expect(second).toMatchObject({
      attempt_number: 2,
      trigger: 'retry',
      reason: 'CA is back',
      status: 'succeeded',
      start_step: 'issue_certificate',
    });
    expect(second?.reused_steps).toEqual(
      ['reserve_slug_and_slot', 'create_storage', 'register_workflow_engine'].map((step) => ({
        step,
        from_attempt: 1,
      })),
    );
    expect(second?.steps.map((x) => x.status)).toEqual([
      'reused',
      'reused',
      'reused',
      'completed',
      'completed',
      'completed',
      'completed',
    ]);

    const events = await eventsOf(s, m.owner.token, t.uuid);
    expect(
      events.map((e) => [
        e.type.replace('tenant.provisioning.', ''),
        e.payload.step ?? e.payload.attempt_number,
      ]),
    ).toEqual([
      ['started', 1],
      ['step_completed', 'reserve_slug_and_slot'],
      ['step_completed', 'create_storage'],
      ['step_completed', 'register_workflow_engine'],
      ['failed', 1],
      ['started', 2],
      ['step_completed', 'reserve_slug_and_slot'],
      ['step_completed', 'create_storage'],
      ['step_completed', 'register_workflow_engine'],
      ['step_completed', 'issue_certificate'],
      ['step_completed', 'create_admin_user'],
      ['step_completed', 'check_readiness'],
      ['step_completed', 'activate'],
      ['succeeded', 2],
    ]);
    expect(events[4]?.payload).toEqual({
      failed_activity: 'issue_certificate',
      details: { code: 'fault.injected', message: 'CA offline (drill)', retryable: false, tries: 1 },
      attempt_number: 1,
    });
    expect(events[5]?.actor?.username).toBe(m.providerOwner.username);
    expect(events[6]?.payload).toEqual({
      step: 'reserve_slug_and_slot',
      attempt_number: 2,
      duration_ms: 0,
      reused: true,
    });
    // The skipped steps ran once, in attempt 1: reuse is not a re-run.
    expect(await effectCounts(s.tdb.db, dashed(t.uuid))).toMatchObject({
      'create_storage:schema_created': 1,
      'reserve_slug_and_slot:slot_reserved': 1,
      'issue_certificate:certificate_issued': 1,
    });
    const attempts = await s.request<{ attempt_number: number; outcome: string; error_message: string }[]>(
      'GET',
      `/api/marketplace-orders/${t.creation_order_uuid}/attempts/`,
      { token: m.staff.token },
    );
    expect(attempts.body.map((a) => [a.attempt_number, a.outcome, a.error_message])).toEqual([
      [1, 'erred', 'Provisioning failed at step issue_certificate: CA offline (drill)'],
      [2, 'done', ''],
    ]);
  });

  it('starts attempt 2 at step 1 when an earlier result no longer verifies; idempotent steps pick up what exists', async () => {
    await fault({ step: 'create_admin_user', times: 1, message: 'directory down', permanent: true });
    const t = await startTenant(s, m, m.owner, slug('drift'));
    await waitTenant(s, m.staff.token, t.uuid, 'Failed');
    // Someone removed the maintenance schedule meanwhile: register_workflow_engine's record is stale.
    await s.tdb.db
      .deleteFrom('tenant_schedules')
      .where(
        'tenant_id',
        'in',
        s.tdb.db.selectFrom('tenants').select('id').where('uuid', '=', dashed(t.uuid)),
      )
      .execute();
    expect(
      (await s.request('POST', `/api/tenants/${t.uuid}/retry/`, { token: m.providerOwner.token })).status,
    ).toBe(200);
    await waitTenant(s, m.staff.token, t.uuid, 'Active');
    const [second] = await runs(t.uuid);
    expect(second).toMatchObject({ start_step: 'reserve_slug_and_slot', reused_steps: [] });
    expect(second?.steps.every((x) => x.status === 'completed')).toBe(true);
    expect(await effectCounts(s.tdb.db, dashed(t.uuid))).toMatchObject({
      'reserve_slug_and_slot:slot_reserved': 1,
      'create_storage:schema_created': 1,
      'register_workflow_engine:schedule_registered': 2,
      'issue_certificate:certificate_issued': 1,
    });
  });

  it('retries a retryable error on the step policy without a new attempt', async () => {
    // Before the order: registered after it, the fault raced the saga past the step.
    await fault({ step: 'create_admin_user', times: 1, message: 'mail relay blip' });
    const t = await startTenant(s, m, m.owner, slug('blip'));
    const done = await waitTenant(s, m.staff.token, t.uuid, 'Active');
    expect(done.attempt_number).toBe(1);
    const admin = (await runs(t.uuid))[0]?.steps.find((x) => x.step === 'create_admin_user');
    expect(admin?.tries_detail.map((x) => [x.outcome, x.error_code])).toEqual([
      ['failed', 'fault.injected'],
      ['succeeded', null],
    ]);
    expect(admin?.tries_detail[0]?.next_try_at).not.toBeNull();
  });

  it('retrying the creation order is the same Retry provisioning', async () => {
    await fault({ step: 'create_storage', times: 1, message: 'disk full', permanent: true });
    const t = await startTenant(s, m, m.owner, slug('ord'));
    await waitTenant(s, m.staff.token, t.uuid, 'Failed');
    const r = await s.request('POST', `/api/marketplace-orders/${t.creation_order_uuid}/retry/`, {
      token: m.providerOwner.token,
    });
    expect(r.status, r.text).toBe(200);
    const done = await waitTenant(s, m.staff.token, t.uuid, 'Active');
    expect(done.attempt_number).toBe(2);
    expect((await runs(t.uuid))[0]).toMatchObject({
      trigger: 'retry',
      start_step: 'create_storage',
      reused_steps: [{ step: 'reserve_slug_and_slot', from_attempt: 1 }],
    });
  });

  it('checks Retry in the order 401 → 404 → 403 → 409', async () => {
    const t = await startTenant(s, m, m.owner, slug('prec'));
    await waitTenant(s, m.staff.token, t.uuid, 'Active');
    const retry = (token?: string) =>
      s.request<{ code: string }>('POST', `/api/tenants/${t.uuid}/retry/`, { token, body: { reason: 1 } });
    expect((await retry()).status).toBe(401);
    expect((await retry(m.outsider.token)).status).toBe(404);
    expect((await retry(m.owner.token)).status).toBe(403);
    const conflict = await retry(m.providerOwner.token);
    expect([conflict.status, conflict.body.code]).toEqual([409, 'tenant.invalid_state']);
  });
});

describe('the two-retries guidance', () => {
  it('warns after two failed attempts, names a repeated step and code, and flags validation failures', async () => {
    // The fault goes in before the order, as in the first test: registered after it (for the new
    // tenant's uuid) it raced the saga, which could pass the step first and end Active.
    await fault({ step: 'register_workflow_engine', times: 3, message: 'bad schedule', permanent: true });
    const t = await startTenant(s, m, m.owner, slug('twice'));
    const id = t.uuid;
    await waitTenant(s, m.staff.token, id, 'Failed');
    const one = await s.request<TenantView>('GET', `/api/tenants/${id}/`, { token: m.providerOwner.token });
    expect(one.body.abilities.retry).toMatchObject({ allowed: true, warning: null });
    const second = await s.request<TenantView>('POST', `/api/tenants/${id}/retry/`, {
      token: m.providerOwner.token,
    });
    expect(second.body.warning).toBeNull();
    await waitFor(
      'attempt 2 to fail',
      async () =>
        (await s.request<TenantView>('GET', `/api/tenants/${id}/`, { token: m.staff.token })).body
          .failed_attempts === 2,
    );
    const two = await s.request<TenantView>('GET', `/api/tenants/${id}/`, { token: m.providerOwner.token });
    // An injected fault is permanent but not a validation failure: no validation sentence.
    const expected = `${TWO_RETRIES_WARNING} Step "register_workflow_engine" failed in both attempts with "fault.injected".`;
    expect(two.body.abilities.retry).toEqual({ allowed: true, reason: null, warning: expected });
    const third = await s.request<TenantView>('POST', `/api/tenants/${id}/retry/`, {
      token: m.providerOwner.token,
    });
    expect(third.status).toBe(200);
    expect(third.body.attempt_number).toBe(3);
    expect(third.body.warning).toBe(expected);
    await waitFor(
      'attempt 3 to fail',
      async () =>
        (await s.request<TenantView>('GET', `/api/tenants/${id}/`, { token: m.staff.token })).body
          .failed_attempts === 3,
    );
    const after = await s.request<TenantView>('GET', `/api/tenants/${id}/`, { token: m.providerOwner.token });
    expect(after.body.abilities.retry?.warning).toBe(expected);
  });
});

describe('slots', () => {
  it('a full plan is refused at order creation, and a run finding no free slot fails with tenant.no_free_slot', async () => {
    const small = await makeTenantMarketplace(s.tdb.db, { maxAmount: 1 });
    const first = await startTenant(s, small, small.owner, slug('slot'));
    await waitTenant(s, small.staff.token, first.uuid, 'Active');
    const refused = await s.request<{ code: string }>('POST', '/api/marketplace-orders/', {
      token: small.owner.token,
      body: orderBody(s.url, small, {
        attributes: { slug: slug('full'), admin_email: 'a@b.example' },
      }),
    });
    expect([refused.status, refused.body.code]).toEqual([400, 'order.plan_full']);
    // Take the slot away from under a run: the plan's capacity is checked again, under its row lock.
    await s.tdb.db
      .updateTable('plans')
      .set({ max_amount: 2 })
      .where('id', '=', small.offering.plan.id)
      .execute();
    const hold = await (async () => {
      const r = await s.request<{ uuid: string }>('POST', '/api/provisioning-faults/', {
        token: small.staff.token,
        body: { step: 'reserve_slug_and_slot', times: 1, message: 'hold', hold_seconds: 600 },
      });
      return r.body.uuid;
    })();
    const second = await startTenant(s, small, small.owner, slug('late'));
    await waitFor('the hold to start', async () => {
      const f = await s.tdb.db
        .selectFrom('provisioning_faults')
        .select('last_hold_started_at')
        .where('uuid', '=', dashed(hold))
        .executeTakeFirst();
      return f?.last_hold_started_at != null;
    });
    await s.tdb.db
      .updateTable('plans')
      .set({ max_amount: 1 })
      .where('id', '=', small.offering.plan.id)
      .execute();
    expect(
      (await s.request('DELETE', `/api/provisioning-faults/${hold}/`, { token: small.staff.token })).status,
    ).toBe(204);
    const failed = await waitTenant(s, small.staff.token, second.uuid, 'Failed');
    expect(failed.last_failure).toMatchObject({
      failed_activity: 'reserve_slug_and_slot',
      details: { code: 'tenant.no_free_slot', retryable: false },
    });
  });
});

describe('fault injection API', () => {
  it('is staff only and lists faults with remaining counts', async () => {
    const forbidden = await s.request('POST', '/api/provisioning-faults/', {
      token: m.owner.token,
      body: { step: 'activate', times: 1, message: 'x' },
    });
    expect(forbidden.status).toBe(403);
    const unknown = await s.request('POST', '/api/provisioning-faults/', {
      token: m.staff.token,
      body: { step: 'nope', times: 1, message: 'x' },
    });
    expect(unknown.status).toBe(400);
    const uuid = await fault({
      step: 'activate',
      times: 2,
      message: 'later',
      tenant_uuid: (await startTenantless()).uuid,
    });
    const list = await s.request<{ uuid: string; remaining: number }[]>('GET', '/api/provisioning-faults/', {
      token: m.staff.token,
    });
    expect(list.body.find((f) => f.uuid === uuid)?.remaining).toBe(2);
    expect(
      (await s.request('DELETE', `/api/provisioning-faults/${uuid}/`, { token: m.staff.token })).status,
    ).toBe(204);
    expect(
      (await s.request('DELETE', `/api/provisioning-faults/${uuid}/`, { token: m.staff.token })).status,
    ).toBe(404);
  });
});

/** An Active tenant to point a fault at (any will do). */
async function startTenantless(): Promise<TenantView> {
  const t = await startTenant(s, m, m.owner, slug('any'));
  return waitTenant(s, m.staff.token, t.uuid, 'Active');
}
