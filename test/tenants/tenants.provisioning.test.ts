import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaCertificate } from '../../src/modules/tenants/adapters/ca/x509.js';
import { onTenantDatabase } from '../../src/modules/tenants/adapters/storage/pg-storage.js';
import { startTestServer, type TestServer } from '../support/http.js';
import type { Marketplace } from '../support/order-factories.js';
import { waitFor } from '../workflows/helpers.js';
import {
  BASE_DOMAIN,
  caPem,
  consoleGet,
  dashed,
  effectCounts,
  eventsOf,
  makeTenantMarketplace,
  orderTenant,
  slug,
  startTenant,
  type TenantView,
  waitTenant,
} from './helpers.js';

let s: TestServer;
let m: Marketplace;
let active: TenantView;

beforeAll(async () => {
  s = await startTestServer({ workflows: true });
  m = await makeTenantMarketplace(s.tdb.db);
  const t = await startTenant(s, m, m.owner, slug('acme'));
  active = await waitTenant(s, m.staff.token, t.uuid, 'Active');
});
afterAll(() => s.close());

const STEPS = [
  'reserve_slug_and_slot',
  'create_storage',
  'register_workflow_engine',
  'issue_certificate',
  'create_admin_user',
  'check_readiness',
  'activate',
];

describe('a tenant ordered through the API', () => {
  it('becomes Active; its order is DONE and its resource OK with the admin console as endpoint', async () => {
    expect(active.attempt_number).toBe(1);
    expect(active.steps.map((x) => [x.step, x.status])).toEqual(STEPS.map((x) => [x, 'completed']));
    expect(active.admin_console_url).toMatch(
      new RegExp(`^https://${active.slug}\\.${BASE_DOMAIN.replace('.', '\\.')}:\\d+/admin/$`),
    );
    const order = await s.request<{ state: string }>(
      'GET',
      `/api/marketplace-orders/${active.creation_order_uuid}/`,
      { token: m.owner.token },
    );
    expect(order.body.state).toBe('done');
    const res = await s.request<{
      state: string;
      backend_id: string;
      endpoints: { name: string; url: string }[];
    }>('GET', `/api/marketplace-resources/${active.resource_uuid}/`, { token: m.owner.token });
    expect(res.body.state).toBe('OK');
    expect(res.body.backend_id.replace(/-/g, '')).toBe(active.uuid);
    expect(res.body.endpoints).toEqual([{ name: 'Admin console', url: active.admin_console_url }]);
  });

  it("keeps its run's status history insert-only: queued → … → succeeded, each move from the last", async () => {
    const moves = await s.tdb.db
      .selectFrom('tenant_run_transitions')
      .innerJoin('tenant_runs', 'tenant_runs.id', 'tenant_run_transitions.run_id')
      .innerJoin('tenants', 'tenants.id', 'tenant_runs.tenant_id')
      .where('tenants.uuid', '=', dashed(active.uuid))
      .select(['from_status', 'to_status', 'tenant_runs.status'])
      .orderBy('tenant_run_transitions.id')
      .execute();
    expect(moves[0]).toMatchObject({ from_status: null, to_status: 'queued' });
    expect(moves.at(-1)).toMatchObject({ to_status: 'succeeded', status: 'succeeded' });
    for (let i = 1; i < moves.length; i++) expect(moves[i]?.from_status).toBe(moves[i - 1]?.to_status);
  });

  it('has its schema, login role, certificate and admin user, each created exactly once', async () => {
    const name = `tenant_${active.uuid}`;
    expect(active.storage).toEqual({ kind: 'schema', name });
    const ns = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = ${name}`.execute(s.tdb.db);
    const role = await sql<{
      login: boolean;
    }>`SELECT rolcanlogin AS login FROM pg_roles WHERE rolname = ${name}`.execute(s.tdb.db);
    expect(ns.rows[0]?.n).toBe(1);
    expect(role.rows[0]?.login).toBe(true);
    const admins = await sql<{
      username: string;
      hash: Buffer | null;
    }>`SELECT username, setup_token_hash AS hash FROM ${sql.id(name)}.admin_users`.execute(s.tdb.db);
    expect(admins.rows.map((r) => r.username)).toEqual([`admin@${active.slug}.example`]);
    expect(admins.rows[0]?.hash?.length).toBe(32); // a SHA-256, never the token
    const certs = await s.tdb.db
      .selectFrom('tenant_certificates')
      .select(['serial', 'host'])
      .where('tenant_id', '=', await tenantId(active.uuid))
      .execute();
    expect(certs).toEqual([{ serial: active.certificate?.serial, host: `${active.slug}.${BASE_DOMAIN}` }]);
    expect(await effectCounts(s.tdb.db, dashed(active.uuid))).toEqual({
      'reserve_slug_and_slot:slot_reserved': 1,
      'create_storage:role_created': 1,
      'create_storage:schema_created': 1,
      'register_workflow_engine:schedule_registered': 1,
      'issue_certificate:certificate_issued': 1,
      'create_admin_user:admin_user_created': 1,
    });
  });

  it('answers on its admin console over HTTPS with its own certificate, verified against the local CA', async () => {
    const ca = await caPem(s);
    const r = await consoleGet(active.admin_console_url ?? '', ca);
    expect(r.status).toBe(200);
    expect(r.body).toContain(`Tenant ${active.slug}: admin console`);
    expect(r.serial).toBe(active.certificate?.serial);
    // Another CA is not trusted: the chain must verify against Orderly's own.
    await expect(
      consoleGet(active.admin_console_url ?? '', createCaCertificate('Stranger', 1).certPem),
    ).rejects.toThrow();
  });

  it('records started, seven step_completed and succeeded events with the spec payloads, in order', async () => {
    const events = await eventsOf(s, m.owner.token, active.uuid);
    expect(events.map((e) => e.type)).toEqual([
      'tenant.provisioning.started',
      ...STEPS.map(() => 'tenant.provisioning.step_completed'),
      'tenant.provisioning.succeeded',
    ]);
    expect(events.map((e) => e.sequence)).toEqual(events.map((_, i) => i + 1));
    expect(events[0]?.payload).toEqual({ attempt_number: 1 });
    expect(events[0]?.actor?.username).toBe(m.owner.username);
    expect(events.slice(1, 8).map((e) => e.payload.step)).toEqual(STEPS);
    for (const e of events.slice(1, 8)) {
      expect(Object.keys(e.payload).sort()).toEqual(['attempt_number', 'duration_ms', 'step']);
      expect(e.payload.attempt_number).toBe(1);
      expect(typeof e.payload.duration_ms).toBe('number');
    }
    expect(Object.keys(events[8]?.payload ?? {}).sort()).toEqual(['attempt_number', 'duration_ms']);
    expect(new Set(events.map((e) => e.order_uuid))).toEqual(new Set([active.creation_order_uuid]));
    expect(events.every((e) => e.tenant_slug === active.slug)).toBe(true);
  });

  it('shows the admin setup link once to whoever ordered it, and the console accepts it once', async () => {
    const other = await s.request('POST', `/api/tenants/${active.uuid}/setup_link/`, {
      token: m.projectAdmin.token,
    });
    expect(other.status).toBe(403);
    const first = await s.request<{ url: string }>('POST', `/api/tenants/${active.uuid}/setup_link/`, {
      token: m.owner.token,
    });
    expect(first.status, first.text).toBe(200);
    expect(first.body.url).toMatch(/\/admin\/setup\/\?token=/);
    const again = await s.request<{ code: string }>('POST', `/api/tenants/${active.uuid}/setup_link/`, {
      token: m.owner.token,
    });
    expect([again.status, again.body.code]).toEqual([409, 'tenant.setup_link_shown']);
    const ca = await caPem(s);
    expect((await consoleGet(first.body.url, ca)).status).toBe(200);
    expect((await consoleGet(first.body.url, ca)).status).toBe(410);
  });

  it('has abilities from the same checks as the actions', async () => {
    const asOwner = await s.request<TenantView>('GET', `/api/tenants/${active.uuid}/`, {
      token: m.owner.token,
    });
    expect(asOwner.body.abilities.decommission?.allowed).toBe(true);
    expect(asOwner.body.abilities.force_destroy).toMatchObject({
      allowed: false,
      reason: 'Only staff can force destroy.',
    });
    expect(asOwner.body.abilities.retry).toMatchObject({
      allowed: false,
      reason: 'You do not have permission to perform this action.',
    });
    expect(asOwner.body.abilities.open_admin_console?.allowed).toBe(true);
    const asProvider = await s.request<TenantView>('GET', `/api/tenants/${active.uuid}/`, {
      token: m.providerOwner.token,
    });
    expect(asProvider.body.abilities.retry).toMatchObject({
      allowed: false,
      reason: 'Valid states for operation: Failed.',
    });
    expect(asProvider.body.abilities.reset?.allowed).toBe(false);
    expect(asProvider.body.last_failure).toBeNull();
    expect(asProvider.body.lock).toBeNull();
  });
});

describe('the tenant list and its visibility', () => {
  it('filters by state, slug, query, project and provider, and orders by slug', async () => {
    const q = async (params: string) =>
      (await s.request<TenantView[]>('GET', `/api/tenants/?${params}`, { token: m.staff.token })).body.map(
        (t) => t.uuid,
      );
    expect(await q(`slug=${active.slug}`)).toEqual([active.uuid]);
    expect(await q(`state=Active&query=${active.slug.slice(0, 6)}`)).toContain(active.uuid);
    expect(await q(`state=Failed&slug=${active.slug}`)).toEqual([]);
    expect(await q(`project_uuid=${m.project.uuid}&provider_uuid=${m.provider.uuid}`)).toContain(active.uuid);
    const sorted = await s.request<TenantView[]>('GET', '/api/tenants/?o=-slug&page_size=50', {
      token: m.staff.token,
    });
    expect(sorted.headers.get('x-result-count')).toBe(String(sorted.body.length));
    expect(sorted.body.map((t) => t.slug)).toEqual([...sorted.body.map((t) => t.slug)].sort().reverse());
  });

  it('hides tenants from outsiders (404, empty list) and shows them to both sides of the order', async () => {
    expect((await s.request('GET', `/api/tenants/${active.uuid}/`, { token: m.outsider.token })).status).toBe(
      404,
    );
    expect((await s.request<TenantView[]>('GET', '/api/tenants/', { token: m.outsider.token })).body).toEqual(
      [],
    );
    for (const u of [m.projectMember, m.providerOwner, m.offeringManager, m.support]) {
      expect((await s.request('GET', `/api/tenants/${active.uuid}/`, { token: u.token })).status).toBe(200);
    }
    expect((await s.request('GET', '/api/tenants/')).status).toBe(401);
  });
});

describe('create-time validation of tenant orders (400)', () => {
  it.each([
    ['an invalid slug', { slug: 'Not_A_Label' }, 'tenant.invalid_slug'],
    ['a reserved slug', { slug: 'admin' }, 'tenant.invalid_slug'],
    ['a bad admin e-mail', { admin_email: 'nobody' }, 'tenant.invalid_email'],
  ])('refuses %s', async (_what, attrs, code) => {
    const r = await orderTenant(s, m, m.owner, slug('bad'), attrs);
    expect(r.status, r.text).toBe(400);
    expect(JSON.parse(r.text).code).toBe(code);
  });

  it('refuses a slug held by a live tenant', async () => {
    const r = await orderTenant(s, m, m.owner, active.slug);
    expect(r.status).toBe(400);
    expect(r.text).toContain(`Slug '${active.slug}' is already in use.`);
  });
});

describe('the audit feed', () => {
  it('long-polls with after and wait, and streams SSE that resumes after Last-Event-ID without duplicates', async () => {
    const all = await eventsOf(s, m.owner.token, active.uuid);
    const tail = await eventsOf(s, m.owner.token, active.uuid, 7);
    expect(tail.map((e) => e.sequence)).toEqual([8, 9]);
    const t0 = Date.now();
    const empty = await s.request<unknown[]>(
      'GET',
      `/api/tenants/${active.uuid}/events/?after=${all.length}&wait=1`,
      { token: m.owner.token },
    );
    expect(empty.body).toEqual([]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    const ctrl = new AbortController();
    const res = await fetch(`${s.url}/api/tenants/${active.uuid}/events/stream/`, {
      headers: { authorization: `Token ${m.owner.token}`, 'last-event-id': '5' },
      signal: ctrl.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let text = '';
    await waitFor('the stream to deliver events 6–9', async () => {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
      return /id: 9\n/.test(text);
    });
    ctrl.abort();
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((x) => Number(x[1]));
    expect(ids).toEqual([6, 7, 8, 9]);
    expect(text).toContain('event: tenant.provisioning.succeeded');
  });
});

async function tenantId(uuid: string): Promise<number> {
  const r = await s.tdb.db
    .selectFrom('tenants')
    .select('id')
    .where('uuid', '=', dashed(uuid))
    .executeTakeFirstOrThrow();
  return r.id;
}

describe('database storage (offering option storage = "database")', () => {
  it('provisions a database of its own with the admin user in it, and decommission drops it', async () => {
    const dbm = await makeTenantMarketplace(s.tdb.db, { pluginOptions: { storage: 'database' } });
    const t = await waitTenant(
      s,
      dbm.staff.token,
      (await startTenant(s, dbm, dbm.owner, slug('dbs'))).uuid,
      'Active',
    );
    const name = `tenant_${t.uuid}`;
    expect(t.storage).toEqual({ kind: 'database', name });
    const exists = () =>
      sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_database WHERE datname = ${name}`.execute(
        s.tdb.db,
      );
    expect((await exists()).rows[0]?.n).toBe(1);
    const users = await onTenantDatabase(s.tdb.url, name, (q) =>
      q('SELECT username FROM public.admin_users'),
    );
    expect(users.rows).toEqual([{ username: `admin@${t.slug}.example` }]);
    const r = await s.request('POST', `/api/tenants/${t.uuid}/decommission/`, {
      token: dbm.owner.token,
      body: { reason: 'bye' },
    });
    expect(r.status).toBe(200);
    await waitTenant(s, dbm.staff.token, t.uuid, 'Decommissioned');
    expect((await exists()).rows[0]?.n).toBe(0);
  });
});
