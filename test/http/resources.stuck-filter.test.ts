import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace, makeOffering } from '../support/order-factories.js';
import { makeResource, type TestResource } from '../support/resource-factories.js';

// The resource list filters behind the web UI's resource lists: `offering_type` (Waldur's) and
// Orderly's `stuck` / `stuck_minutes` (Creating, Updating or Terminating for too long).
let s: TestServer;
let m: Marketplace;
const r: Record<string, TestResource> = {};
type Row = { name: string };
type Problem = { code: string; errors?: { pointer: string }[] };
const names = (rows: Row[]) => rows.map((x) => x.name).sort();

/** Test set-up: the resource was created `minutes` ago. */
async function age(res: TestResource, minutes: number): Promise<void> {
  await sql`UPDATE resources SET created = now() - make_interval(mins => ${minutes}) WHERE id = ${res.id}`.execute(
    s.tdb.db,
  );
}

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db);
  const slurm = {
    ...m,
    offering: await makeOffering(s.tdb.db, m.provider.id, { type: 'Marketplace.Slurm' }),
  };
  r.oldTerminating = await makeResource(s.tdb.db, m, { name: 'old-terminating', state: 'Terminating' });
  await age(r.oldTerminating, 180);
  r.newCreating = await makeResource(s.tdb.db, m, {
    name: 'new-creating',
    state: 'Creating',
    creation: null,
  });
  r.oldOk = await makeResource(s.tdb.db, m, { name: 'old-ok' });
  await age(r.oldOk, 600);
  // Old, but it entered Updating 5 minutes ago: timed from the last transition.
  r.recentUpdating = await makeResource(s.tdb.db, slurm, { name: 'recent-updating', state: 'Updating' });
  await age(r.recentUpdating, 600);
  await sql`INSERT INTO resource_transitions (resource_id, from_state, to_state, action, created)
    VALUES (${r.recentUpdating.id}, 1, 2, 'test', now() - interval '5 minutes')`.execute(s.tdb.db);
});
afterAll(() => s.close());

describe('stuck and offering_type filters', () => {
  it('stuck=true lists transient states older than 60 minutes by default', async () => {
    for (const path of ['/api/marketplace-resources/', '/api/marketplace-provider-resources/']) {
      const res = await s.request<Row[]>('GET', `${path}?stuck=true`, { token: m.staff.token });
      expect(res.status, res.text).toBe(200);
      expect(names(res.body)).toEqual(['old-terminating']);
    }
  });

  it('stuck_minutes moves the threshold; it is timed from the last transition', async () => {
    const res = await s.request<Row[]>('GET', '/api/marketplace-resources/?stuck=true&stuck_minutes=2', {
      token: m.owner.token,
    });
    expect(names(res.body)).toEqual(['old-terminating', 'recent-updating']);
    const none = await s.request<Row[]>('GET', '/api/marketplace-resources/?stuck=true&stuck_minutes=600', {
      token: m.owner.token,
    });
    expect(names(none.body)).toEqual([]);
  });

  it('stuck=false and no stuck filter list every state', async () => {
    const res = await s.request<Row[]>('GET', '/api/marketplace-resources/?stuck=false', {
      token: m.owner.token,
    });
    expect(names(res.body)).toEqual(['new-creating', 'old-ok', 'old-terminating', 'recent-updating']);
  });

  it('offering_type narrows by the offering type (repeatable)', async () => {
    const one = await s.request<Row[]>('GET', '/api/marketplace-resources/?offering_type=Marketplace.Slurm', {
      token: m.owner.token,
    });
    expect(names(one.body)).toEqual(['recent-updating']);
    const two = await s.request<Row[]>(
      'GET',
      `/api/marketplace-resources/?offering_type=Marketplace.Slurm&offering_type=${m.offering.type}`,
      { token: m.owner.token },
    );
    expect(two.body).toHaveLength(4);
  });

  it('bad values are 400 naming the parameter', async () => {
    for (const [query, pointer] of [
      ['stuck=maybe', 'stuck'],
      ['stuck=true&stuck_minutes=0', 'stuck_minutes'],
      ['stuck_minutes=abc', 'stuck_minutes'],
    ]) {
      const res = await s.request<Problem>('GET', `/api/marketplace-resources/?${query}`, {
        token: m.owner.token,
      });
      expect(res.status, query).toBe(400);
      expect(JSON.stringify(res.body.errors), query).toContain(pointer);
    }
  });
});
