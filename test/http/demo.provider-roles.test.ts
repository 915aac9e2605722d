import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoToken } from '../../src/demo/demo-tokens.js';
import { seedDemo } from '../../src/demo/seed.js';
import { DEMO_SLURM_OFFERING } from '../../src/demo/seed-offerings.js';
import { startTestServer, type TestServer } from '../support/http.js';

/**
 * The demo's provider roles (issue 11): olga manages the orders of her offering and mike, the
 * service provider manager, those of Nordic Compute; the web UI shows actions only from `abilities`.
 */
let s: TestServer;
const secret = 'demo-secret-for-provider-roles';

interface OrderRow {
  uuid: string;
  state: string;
  offering_name: string;
  abilities: Record<string, { allowed: boolean }>;
}

beforeAll(async () => {
  s = await startTestServer();
  await s.tdb.db.transaction().execute((trx) => seedDemo(trx, secret));
});
afterAll(() => s.close());

const ordersOf = async (username: string) => {
  const r = await s.request<OrderRow[]>('GET', '/api/marketplace-orders/?page_size=100', {
    token: demoToken(secret, username),
  });
  expect(r.status).toBe(200);
  return r.body;
};

/** Whether any action is allowed (the UI's "You have no actions on this order" otherwise). */
const hasActions = (o: OrderRow) => Object.values(o.abilities).some((a) => a.allowed);

describe('demo provider roles', () => {
  it(`olga sees only ${DEMO_SLURM_OFFERING} orders and has actions on the ones waiting for the provider or erred`, async () => {
    const orders = await ordersOf('olga');
    expect(orders.length).toBeGreaterThan(0);
    for (const o of orders) expect(o.offering_name).toBe(DEMO_SLURM_OFFERING);
    const actionable = orders.filter((o) => ['pending-provider', 'executing', 'erred'].includes(o.state));
    expect(actionable.length).toBeGreaterThan(0);
    for (const o of actionable) expect(hasActions(o), `${o.state} order ${o.uuid}`).toBe(true);
    for (const o of orders.filter((x) => x.state === 'pending-provider')) {
      expect(o.abilities.approve_by_provider?.allowed).toBe(true);
      expect(o.abilities.reject_by_provider?.allowed).toBe(true);
    }
    for (const o of orders.filter((x) => x.state === 'erred')) expect(o.abilities.retry?.allowed).toBe(true);
  });

  it('mike approves pending-provider orders of every Nordic Compute offering', async () => {
    const pending = (await ordersOf('mike')).filter((o) => o.state === 'pending-provider');
    for (const o of pending) expect(o.abilities.approve_by_provider?.allowed, o.offering_name).toBe(true);
  });

  it('every demo resource has a unique, non-empty slug and a last_sync', async () => {
    const rows = await s.tdb.db.selectFrom('resources').select(['slug', 'last_sync']).execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.slug)).size).toBe(rows.length);
    for (const r of rows) {
      expect(r.slug).toMatch(/^[a-z0-9-]+-\d+$/);
      expect(r.last_sync).toBeInstanceOf(Date);
    }
  });
});
