import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../support/http.js';
import type { Marketplace } from '../support/order-factories.js';
import { waitFor } from '../workflows/helpers.js';
import {
  caPem,
  consoleGet,
  dashed,
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

describe('Decommission', () => {
  it('from Active: compensations in reverse order free slot and slug; a new tenant with the same slug provisions', async () => {
    const tag = slug('gone');
    const t = await waitTenant(s, m.staff.token, (await startTenant(s, m, m.owner, tag)).uuid, 'Active');
    const ca = await caPem(s);
    const url = t.admin_console_url ?? '';
    expect((await consoleGet(url, ca)).status).toBe(200);
    const bad = await post(t.uuid, 'decommission', m.owner.token, {});
    expect(bad.status).toBe(400);
    const r = await post<{ order_uuid: string }>(t.uuid, 'decommission', m.owner.token, {
      reason: 'project ended',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const gone = await waitTenant(s, m.staff.token, t.uuid, 'Decommissioned');
    expect(gone.decommissioned_at).not.toBeNull();
    const runs = await s.request<
      { kind: string; reason: string; steps: { step: string; status: string }[] }[]
    >('GET', `/api/tenants/${t.uuid}/runs/?kind=decommission`, { token: m.staff.token });
    expect(runs.body[0]?.reason).toBe('project ended');
    expect(runs.body[0]?.steps.map((x) => [x.step, x.status])).toEqual([
      ['revoke_certificate', 'compensated'],
      ['deregister_workflow_engine', 'compensated'],
      ['drop_storage', 'compensated'],
      ['release_slot', 'compensated'],
    ]);
    const name = `tenant_${t.uuid}`;
    expect(
      (
        await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = ${name}`.execute(
          s.tdb.db,
        )
      ).rows[0]?.n,
    ).toBe(0);
    expect(
      (
        await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_roles WHERE rolname = ${name}`.execute(
          s.tdb.db,
        )
      ).rows[0]?.n,
    ).toBe(0);
    const cert = await s.tdb.db
      .selectFrom('tenant_certificates')
      .select('revoked_at')
      .where('serial', '=', t.certificate?.serial ?? '')
      .executeTakeFirstOrThrow();
    expect(cert.revoked_at).not.toBeNull();
    await expect(consoleGet(url, ca)).rejects.toThrow();
    const events = (await eventsOf(s, m.owner.token, t.uuid)).slice(-2);
    expect(events.map((e) => [e.type, e.payload])).toEqual([
      ['tenant.decommission.started', { reason: 'project ended', order_uuid: r.body.order_uuid }],
      ['tenant.decommission.completed', { slug: tag, slot_released: true, skipped_compensations: [] }],
    ]);
    const order = await s.request<{ state: string; type: string }>(
      'GET',
      `/api/marketplace-orders/${r.body.order_uuid}/`,
      { token: m.owner.token },
    );
    expect(order.body).toMatchObject({ state: 'done', type: 'Terminate' });
    const res = await s.request<{ state: string }>('GET', `/api/marketplace-resources/${t.resource_uuid}/`, {
      token: m.owner.token,
    });
    expect(res.body.state).toBe('Terminated');
    expect((await get(t.uuid)).abilities.decommission?.allowed).toBe(false);

    const again = await startTenant(s, m, m.owner, tag);
    expect(again.uuid).not.toBe(t.uuid);
    const reborn = await waitTenant(s, m.staff.token, again.uuid, 'Active');
    expect(reborn.slug).toBe(tag);
    expect((await consoleGet(reborn.admin_console_url ?? '', ca)).status).toBe(200);
  });

  it('from Failed compensates only what started; refuses a Provisioning tenant', async () => {
    const hold = await fault({ step: 'create_storage', times: 1, message: 'wait', hold_seconds: 600 });
    const t = await startTenant(s, m, m.owner, slug('half'));
    await holdStarted(hold);
    const busy = await post(t.uuid, 'decommission', m.owner.token, { reason: 'too early' });
    expect([busy.status, busy.body.code]).toEqual([409, 'tenant.invalid_state']);
    await s.request('DELETE', `/api/provisioning-faults/${hold}/`, { token: m.staff.token });
    await fault({
      step: 'register_workflow_engine',
      times: 1,
      message: 'no scheduler',
      permanent: true,
      tenant_uuid: t.uuid,
    });
    await waitTenant(s, m.staff.token, t.uuid, 'Failed');
    expect((await post(t.uuid, 'decommission', m.owner.token, { reason: 'give up' })).status).toBe(200);
    await waitTenant(s, m.staff.token, t.uuid, 'Decommissioned');
    const runs = await s.request<{ steps: { step: string }[] }[]>(
      'GET',
      `/api/tenants/${t.uuid}/runs/?kind=decommission`,
      { token: m.staff.token },
    );
    // register_workflow_engine started (and failed): its compensation runs and finds nothing to remove.
    expect(runs.body[0]?.steps.map((x) => x.step)).toEqual([
      'deregister_workflow_engine',
      'drop_storage',
      'release_slot',
    ]);
  });

  it('a failed decommission is re-run by retrying its TERMINATE order', async () => {
    const t = await waitTenant(
      s,
      m.staff.token,
      (await startTenant(s, m, m.owner, slug('again'))).uuid,
      'Active',
    );
    await fault({
      step: 'revoke_certificate',
      times: 1,
      message: 'CRL busy',
      permanent: true,
      tenant_uuid: t.uuid,
    });
    const r = await post<{ order_uuid: string }>(t.uuid, 'decommission', m.owner.token, { reason: 'retire' });
    await waitFor('the decommission run to fail', async () => {
      const o = await s.request<{ state: string }>('GET', `/api/marketplace-orders/${r.body.order_uuid}/`, {
        token: m.staff.token,
      });
      return o.body.state === 'erred';
    });
    const retry = await s.request('POST', `/api/marketplace-orders/${r.body.order_uuid}/retry/`, {
      token: m.providerOwner.token,
    });
    expect(retry.status, retry.text).toBe(200);
    await waitTenant(s, m.staff.token, t.uuid, 'Decommissioned');
    const runs = await s.request<{ number: number; status: string }[]>(
      'GET',
      `/api/tenants/${t.uuid}/runs/?kind=decommission`,
      { token: m.staff.token },
    );
    expect(runs.body.map((x) => [x.number, x.status])).toEqual([
      [2, 'succeeded'],
      [1, 'failed'],
    ]);
    const order = await s.request<{ state: string }>('GET', `/api/marketplace-orders/${r.body.order_uuid}/`, {
      token: m.staff.token,
    });
    expect(order.body.state).toBe('done');
  });

  it('a compensation out of tries leaves the tenant Decommissioning; staff force_destroy ends it with the skip listed', async () => {
    const t = await waitTenant(
      s,
      m.staff.token,
      (await startTenant(s, m, m.owner, slug('sticky'))).uuid,
      'Active',
    );
    const f = await fault({
      step: 'drop_storage',
      times: 2,
      message: 'storage busy',
      permanent: true,
      tenant_uuid: t.uuid,
    });
    const first = await post<{ order_uuid: string }>(t.uuid, 'decommission', m.owner.token, {
      reason: 'done with it',
    });
    expect(first.status).toBe(200);
    const stuck = await waitFor('the decommission run to fail', async () => {
      const x = await get(t.uuid);
      return x.state === 'Decommissioning' && x.current_run === null ? x : undefined;
    });
    expect(stuck.abilities.decommission?.allowed).toBe(true);
    const failedOrder = await s.request<{ state: string; error_message: string }>(
      'GET',
      `/api/marketplace-orders/${first.body.order_uuid}/`,
      { token: m.staff.token },
    );
    expect(failedOrder.body).toMatchObject({
      state: 'erred',
      error_message: 'Decommission failed at drop_storage: storage busy',
    });
    expect(
      (
        await s.request<{ state: string }>('GET', `/api/marketplace-resources/${t.resource_uuid}/`, {
          token: m.staff.token,
        })
      ).body.state,
    ).toBe('Erred');
    const failedEvent = (await eventsOf(s, m.staff.token, t.uuid)).at(-1);
    expect(failedEvent).toMatchObject({
      type: 'tenant.decommission.failed',
      payload: { failed_activity: 'drop_storage', details: { code: 'fault.injected' } },
    });

    expect(
      (await post(t.uuid, 'decommission', m.owner.token, { reason: 'x', force_destroy: true })).status,
    ).toBe(403);
    const forced = await post<{ order_uuid: string }>(t.uuid, 'decommission', m.staff.token, {
      reason: 'remove it anyway',
      force_destroy: true,
    });
    expect(forced.status, JSON.stringify(forced.body)).toBe(200);
    const gone = await waitTenant(s, m.staff.token, t.uuid, 'Decommissioned');
    expect(gone.state).toBe('Decommissioned');
    const order = await s.request<{ state: string; error_message: string }>(
      'GET',
      `/api/marketplace-orders/${forced.body.order_uuid}/`,
      { token: m.staff.token },
    );
    expect(order.body).toMatchObject({
      state: 'erred',
      error_message: 'Decommissioned with compensations skipped: drop_storage.',
    });
    expect(
      (
        await s.request<{ state: string }>('GET', `/api/marketplace-resources/${t.resource_uuid}/`, {
          token: m.staff.token,
        })
      ).body.state,
    ).toBe('Terminated');
    expect((await eventsOf(s, m.staff.token, t.uuid)).at(-1)).toMatchObject({
      type: 'tenant.decommission.completed',
      payload: { slot_released: true, skipped_compensations: ['drop_storage'] },
    });
    await s.request('DELETE', `/api/provisioning-faults/${f}/`, { token: m.staff.token });
  });
});
