import { randomBytes } from 'node:crypto';
import https from 'node:https';
import tls from 'node:tls';
import { expect } from 'vitest';
import type { Db } from '../../src/platform/db/database.js';
import type { TestUser } from '../support/factories.js';
import type { TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace, orderBody } from '../support/order-factories.js';
import { waitFor } from '../workflows/helpers.js';

/** The base domain of test tenants. */
export const BASE_DOMAIN = 'tenants.localhost';

/** The tenant fields the tests read. */
export interface TenantView {
  uuid: string;
  slug: string;
  name: string;
  state: string;
  resource_uuid: string;
  creation_order_uuid: string;
  storage: { kind: string; name: string };
  admin_console_url: string | null;
  certificate: { serial: string; not_after: string } | null;
  attempt_number: number;
  failed_attempts: number;
  current_run: {
    kind: string;
    status: string;
    step: string | null;
    try: number | null;
    next_try_at: string | null;
  } | null;
  last_failure: {
    attempt_number: number;
    failed_activity: string | null;
    details: { code: string; message: string; retryable: boolean; tries: number; stack?: string };
    at: string | null;
  } | null;
  lock: { holder: string; acquired_at: string; heartbeat_at: string; fresh: boolean } | null;
  steps: {
    step: string;
    status: string;
    duration_ms: number | null;
    tries: number;
    reused_from_attempt: number | null;
  }[];
  decommissioned_at: string | null;
  activated_at: string | null;
  abilities: Record<string, { allowed: boolean; reason: string | null; warning: string | null }>;
  warning?: string | null;
}

/** A tenant event envelope. */
export interface EventView {
  id: string;
  type: string;
  sequence: number;
  order_uuid: string | null;
  tenant_slug: string;
  actor: { uuid: string; username: string } | null;
  payload: Record<string, unknown>;
}

/** A unique, valid slug. */
export const slug = (p = 't') => `${p}-${randomBytes(4).toString('hex')}`;

/** A marketplace whose offering is `Orderly.Tenant` (plan with `maxAmount` slots). */
export async function makeTenantMarketplace(
  db: Db,
  opts: { maxAmount?: number | null; pluginOptions?: Record<string, unknown> } = {},
): Promise<Marketplace> {
  const m = await makeMarketplace(db, 'Orderly.Tenant', { base_domain: BASE_DOMAIN, ...opts.pluginOptions });
  if (opts.maxAmount !== undefined)
    await db
      .updateTable('plans')
      .set({ max_amount: opts.maxAmount })
      .where('id', '=', m.offering.plan.id)
      .execute();
  return m;
}

/** `POST /api/marketplace-orders/` for a tenant; returns the response. */
export function orderTenant(
  s: TestServer,
  m: Marketplace,
  user: TestUser,
  tenantSlug: string,
  extra: Record<string, unknown> = {},
) {
  return s.request<{ uuid: string; state: string; marketplace_resource_uuid: string }>(
    'POST',
    '/api/marketplace-orders/',
    {
      token: user.token,
      body: orderBody(s.url, m, {
        attributes: {
          name: `Tenant ${tenantSlug}`,
          slug: tenantSlug,
          admin_email: `admin@${tenantSlug}.example`,
          ...extra,
        },
      }),
    },
  );
}

/** Orders a tenant (asserting 201) and returns the tenant once its row exists. */
export async function startTenant(
  s: TestServer,
  m: Marketplace,
  user: TestUser,
  tenantSlug = slug(),
): Promise<TenantView> {
  const r = await orderTenant(s, m, user, tenantSlug);
  expect(r.status, r.text).toBe(201);
  return waitFor(`tenant ${tenantSlug} to exist`, async () => {
    const l = await s.request<TenantView[]>('GET', `/api/tenants/?slug=${tenantSlug}`, {
      token: m.staff.token,
    });
    return l.body.find((t) => t.creation_order_uuid === r.body.uuid);
  });
}

/** Waits until the tenant is in `state` (and its run is over, for end states); returns it. */
export function waitTenant(
  s: TestServer,
  token: string,
  uuid: string,
  state: string,
  timeoutMs = 60_000,
): Promise<TenantView> {
  return waitFor(
    `tenant ${uuid} to be ${state}`,
    async () => {
      const r = await s.request<TenantView>('GET', `/api/tenants/${uuid}/`, { token });
      return r.body.state === state &&
        (state === 'Provisioning' || state === 'Decommissioning' ? true : r.body.current_run === null)
        ? r.body
        : undefined;
    },
    timeoutMs,
  );
}

/** The tenant's event feed. */
export async function eventsOf(s: TestServer, token: string, uuid: string, after = 0): Promise<EventView[]> {
  const r = await s.request<EventView[]>('GET', `/api/tenants/${uuid}/events/?after=${after}`, { token });
  expect(r.status, r.text).toBe(200);
  return r.body;
}

/** The local CA's certificate. */
export async function caPem(s: TestServer): Promise<string> {
  const r = await s.request<{ certificate_pem: string }>('GET', '/api/tenant-ca-certificate/');
  expect(r.status, r.text).toBe(200);
  return r.body.certificate_pem;
}

/** GET over HTTPS to the console with SNI, trusting only `ca`; returns status, body and the peer certificate. */
export function consoleGet(url: string, ca: string) {
  const u = new URL(url);
  return new Promise<{ status: number; body: string; serial: string }>((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port: Number(u.port),
        path: `${u.pathname}${u.search}`,
        servername: u.hostname,
        headers: { host: u.hostname },
        ca: [ca],
        agent: false,
        checkServerIdentity: (_h, cert) => tls.checkServerIdentity(u.hostname, cert),
      },
      (res) => {
        let body = '';
        const serial = (res.socket as tls.TLSSocket).getPeerCertificate().serialNumber.toLowerCase();
        res.on('data', (d: Buffer) => {
          body += d.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, serial }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Effects ledger counts of a tenant, by `step:effect`. */
export async function effectCounts(db: Db, tenantUuid: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('tenant_effects as e')
    .innerJoin('tenants as t', 't.id', 'e.tenant_id')
    .select(['e.step', 'e.effect', (eb) => eb.fn.countAll<string>().as('n')])
    .where('t.uuid', '=', tenantUuid)
    .groupBy(['e.step', 'e.effect'])
    .execute();
  return Object.fromEntries(rows.map((r) => [`${r.step}:${r.effect}`, Number(r.n)]));
}

/** Dashed form of a hex id. */
export function dashed(id: string): string {
  const h = id.replace(/-/g, '');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
