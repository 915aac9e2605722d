import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driftJobs } from '../../src/modules/drift/adapters/jobs/drift-jobs.js';
import { DRIFT_RULES } from '../../src/modules/drift/domain/drift-rules.js';
import { inTransaction } from '../../src/platform/db/database.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { makeOrder, makeResource, resourceRow, type TestResource } from '../support/resource-factories.js';

// Drift detection and repair: each rule's situation is written straight into the database, the
// periodic job (with an injected clock) records it, the lists show it with its rule, and
// `repair_drift` applies the state the order → resource effect table implies.
let s: TestServer;
let m: Marketplace;
const r: Record<string, TestResource> = {};
type Drift = { rule: string; expected_state: string; title: string };
type Row = { uuid: string; name: string; state: string; drift: Drift | null };
type Problem = { code: string; errors?: { pointer: string }[] };
const HOUR = 3_600_000;

/** Runs the registered drift job once at `now` (its own transaction, as the scheduler does). */
async function scan(now: Date): Promise<number> {
  const [job] = driftJobs(60_000);
  return inTransaction(s.tdb.db, (tx) => job!.run(tx, now));
}

async function driftList(token: string, path = '/api/marketplace-provider-resources/'): Promise<Row[]> {
  const res = await s.request<Row[]>('GET', `${path}?drift=true&page_size=100`, { token });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

const ruleOf = (rows: Row[]) => Object.fromEntries(rows.map((x) => [x.name, x.drift?.rule]));

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db);
  const db = s.tdb.db;
  r.doneUpdating = await makeResource(db, m, { name: 'done-updating', state: 'Updating' });
  await makeOrder(db, m, r.doneUpdating, { type: 'Update', state: 'done' });
  r.erredTerminating = await makeResource(db, m, { name: 'erred-terminating', state: 'Terminating' });
  await makeOrder(db, m, r.erredTerminating, { type: 'Terminate', state: 'erred' });
  r.rejectedCreating = await makeResource(db, m, {
    name: 'rejected-creating',
    state: 'Creating',
    creation: 'rejected',
  });
  r.loneTerminating = await makeResource(db, m, { name: 'lone-terminating', state: 'Terminating' });
  r.loneUpdating = await makeResource(db, m, { name: 'lone-updating', state: 'Updating' });
  r.loneCreating = await makeResource(db, m, { name: 'lone-creating', state: 'Creating', creation: null });
  r.provisionedCreating = await makeResource(db, m, {
    name: 'provisioned-creating',
    state: 'Creating',
    creation: null,
    backendId: 'vm-17',
  });
  // Consistent: an Update in flight, a plain OK resource, a Create still waiting for approval.
  r.liveUpdating = await makeResource(db, m, { name: 'live-updating', state: 'Updating' });
  await makeOrder(db, m, r.liveUpdating, { type: 'Update', state: 'executing' });
  r.ok = await makeResource(db, m, { name: 'plain-ok' });
  r.pendingCreating = await makeResource(db, m, {
    name: 'pending-creating',
    state: 'Creating',
    creation: 'pending-consumer',
  });
});
afterAll(() => s.close());

describe('drift scan', () => {
  it('records each rule once; Creating without an order only after the threshold', async () => {
    expect(await scan(new Date())).toBe(5);
    expect(ruleOf(await driftList(m.staff.token))).toEqual({
      'done-updating': 'order_done_resource_in_progress',
      'erred-terminating': 'order_ended_resource_in_progress',
      'rejected-creating': 'order_ended_resource_in_progress',
      'lone-terminating': 'terminating_without_order',
      'lone-updating': 'updating_without_order',
    });
    expect(await scan(new Date())).toBe(0);
    expect(await scan(new Date(Date.now() + 2 * HOUR))).toBe(2);
    const rows = await driftList(m.staff.token);
    expect(ruleOf(rows)).toMatchObject({
      'lone-creating': 'creating_without_order',
      'provisioned-creating': 'creating_without_order',
    });
    expect(rows).toHaveLength(7);
    const expected = Object.fromEntries(rows.map((x) => [x.name, x.drift?.expected_state]));
    expect(expected).toEqual({
      'done-updating': 'OK',
      'erred-terminating': 'OK',
      'rejected-creating': 'Terminated',
      'lone-terminating': 'OK',
      'lone-updating': 'OK',
      'lone-creating': 'Terminated',
      'provisioned-creating': 'Erred',
    });
    const titles = new Set(DRIFT_RULES.map((x) => x.title));
    for (const row of rows) expect(titles.has(row.drift?.title ?? '')).toBe(true);
    const clean = await s.request<Row[]>('GET', '/api/marketplace-provider-resources/?drift=false', {
      token: m.staff.token,
    });
    expect(clean.body.map((x) => x.name).sort()).toEqual(['live-updating', 'pending-creating', 'plain-ok']);
    expect(clean.body.every((x) => x.drift === null)).toBe(true);
  });

  it('clears a finding that no longer holds', async () => {
    await sql`UPDATE resources SET state = 2 WHERE id = ${r.loneUpdating!.id}`.execute(s.tdb.db);
    expect(await scan(new Date(Date.now() + 2 * HOUR))).toBe(1);
    const row = await s.tdb.db
      .selectFrom('resource_drift_findings')
      .select(['resolution', 'resolved_by'])
      .where('resource_id', '=', r.loneUpdating!.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ resolution: 'cleared', resolved_by: null });
    expect(Object.keys(ruleOf(await driftList(m.staff.token)))).not.toContain('lone-updating');
  });
});

describe('who sees and repairs drift', () => {
  it('provider owner, offering manager, provider manager and staff see it; others see nothing', async () => {
    for (const u of [m.providerOwner, m.offeringManager, m.customerManager, m.staff]) {
      expect((await driftList(u.token)).length, u.username).toBe(6);
    }
    for (const u of [m.outsider, m.projectAdmin, m.owner]) {
      expect(await driftList(u.token), u.username).toEqual([]);
    }
  });

  it('consumers and outsiders get 404, support 403, on repair', async () => {
    for (const u of [m.outsider, m.projectAdmin, m.owner]) {
      const res = await s.request<Problem>(
        'POST',
        `/api/marketplace-provider-resources/${r.doneUpdating!.hex}/repair_drift/`,
        { token: u.token, body: { reason: 'x' } },
      );
      expect(res.status, u.username).toBe(404);
    }
    const support = await s.request<Problem>(
      'POST',
      `/api/marketplace-provider-resources/${r.doneUpdating!.hex}/repair_drift/`,
      { token: m.support.token, body: { reason: 'x' } },
    );
    expect(support.status).toBe(403);
  });

  it('bad input is 400 naming the field', async () => {
    for (const body of [{}, { reason: '   ' }, { reason: 5 }]) {
      const res = await s.request<Problem>(
        'POST',
        `/api/marketplace-provider-resources/${r.doneUpdating!.hex}/repair_drift/`,
        { token: m.providerOwner.token, body },
      );
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(res.body.errors)).toContain('reason');
    }
    const q = await s.request<Problem>('GET', '/api/marketplace-provider-resources/?drift=maybe', {
      token: m.staff.token,
    });
    expect(q.status).toBe(400);
    expect(JSON.stringify(q.body.errors)).toContain('drift');
  });

  it('repairs each rule to the state the effect table implies, recording actor and reason', async () => {
    const cases: [string, string, string][] = [
      ['doneUpdating', 'OK', m.providerOwner.token],
      ['erredTerminating', 'OK', m.offeringManager.token],
      ['rejectedCreating', 'Terminated', m.staff.token],
      ['loneTerminating', 'OK', m.customerManager.token],
      ['loneCreating', 'Terminated', m.staff.token],
      ['provisionedCreating', 'Erred', m.providerOwner.token],
    ];
    for (const [key, to, token] of cases) {
      const res = await s.request<{ to_state: string; rule: string }>(
        'POST',
        `/api/marketplace-provider-resources/${r[key]!.hex}/repair_drift/`,
        { token, body: { reason: `repair ${key}` } },
      );
      expect(res.status, `${key}: ${res.text}`).toBe(200);
      expect(res.body.to_state, key).toBe(to);
      const t = await s.tdb.db
        .selectFrom('resource_transitions')
        .select(['action', 'reason', 'actor_id'])
        .where('resource_id', '=', r[key]!.id)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(t).toMatchObject({ action: 'repair_drift', reason: `repair ${key}` });
      expect(t.actor_id).not.toBeNull();
      const f = await s.tdb.db
        .selectFrom('resource_drift_findings')
        .select(['resolution', 'reason', 'resolved_by'])
        .where('resource_id', '=', r[key]!.id)
        .executeTakeFirstOrThrow();
      expect(f).toEqual({ resolution: 'repaired', reason: `repair ${key}`, resolved_by: t.actor_id });
    }
    expect((await resourceRow(s.tdb.db, r.provisionedCreating!.id)).error_message).toBe(
      'repair provisionedCreating',
    );
    expect(await driftList(m.staff.token)).toEqual([]);
    const events = await s.request<{ event_type: string; message: string }[]>(
      'GET',
      `/api/events/?resource_uuid=${r.doneUpdating!.hex}`,
      { token: m.staff.token },
    );
    expect(events.body.map((e) => e.message).join('\n')).toContain('Drift repaired');
  });

  it('a resource without an open finding is 409 resource.no_drift', async () => {
    const res = await s.request<Problem>(
      'POST',
      `/api/marketplace-provider-resources/${r.ok!.hex}/repair_drift/`,
      { token: m.staff.token, body: { reason: 'nothing to do' } },
    );
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('resource.no_drift');
  });
});
