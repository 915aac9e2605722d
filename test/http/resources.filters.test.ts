import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { hexOf, makeResource, type TestResource } from '../support/resource-factories.js';

// The list filters Waldur's client sends (issue 15, item 3): categories, plans, flags, end date,
// billing of the offering's components and the created/modified range, on both views.

let s: TestServer;
let m: Marketplace;
let m2: Marketplace;
let plain: TestResource;
let flagged: TestResource;
let other: TestResource;
let categoryUuid: string;

const list = async (path: string, token: string, query: string) => {
  const scope = `offering_uuid=${hexOf(m.offering.uuid)}&offering_uuid=${hexOf(m2.offering.uuid)}`;
  const r = await s.request<{ uuid: string }[]>('GET', `${path}?${scope}&${query}`, { token });
  expect(r.status, r.text).toBe(200);
  return r.body.map((x) => x.uuid).sort();
};
const uuids = (...rs: TestResource[]) => rs.map((r) => r.hex).sort();
const R = '/api/marketplace-resources/';

beforeAll(async () => {
  s = await startTestServer();
  const db = s.tdb.db;
  m = await makeMarketplace(db);
  m2 = await makeMarketplace(db);
  const cat = await db
    .insertInto('offering_categories')
    .values({ title: 'Storage' })
    .returning(['id', 'uuid'])
    .executeTakeFirstOrThrow();
  categoryUuid = hexOf(cat.uuid);
  await db.updateTable('offerings').set({ category_id: cat.id }).where('id', '=', m2.offering.id).execute();
  await db
    .insertInto('offering_components')
    .values({ offering_id: m2.offering.id, type: 'gpu', name: 'GPU', billing_type: 'usage' })
    .execute();
  plain = await makeResource(db, m);
  flagged = await makeResource(db, m);
  other = await makeResource(db, m2);
  await db
    .updateTable('resources')
    .set({ paused: true, downscaled: true, restrict_member_access: true, end_date: '2031-01-01' })
    .where('id', '=', flagged.id)
    .execute();
  // `created` is insert-only in the schema types: the fixture ages the row in plain SQL.
  await sql`update resources set created = '2020-01-01T00:00:00Z', backend_metadata = '{"runtime_state": "SHUTOFF"}'
    where id = ${other.id}`.execute(db);
});
afterAll(() => s.close());

describe('resource list filters of Waldur’s client', () => {
  it('filters by category, plan, project name and offering slug', async () => {
    const t = m.staff.token;
    expect(await list(R, t, `category_uuid=${categoryUuid}`)).toEqual(uuids(other));
    expect(await list(R, t, `plan_uuid=${hexOf(m.offering.plan.uuid)}`)).toEqual(uuids(plain, flagged));
    const project = await s.tdb.db
      .selectFrom('projects')
      .select('name')
      .where('id', '=', m2.project.id)
      .executeTakeFirstOrThrow();
    expect(await list(R, t, `project_name=${encodeURIComponent(project.name)}`)).toEqual(uuids(other));
    const offering = await s.tdb.db
      .selectFrom('offerings')
      .select('slug')
      .where('id', '=', m2.offering.id)
      .executeTakeFirstOrThrow();
    expect(await list(R, t, `offering_slug=${offering.slug}`)).toEqual(uuids(other));
  });

  it('filters by the provider flags and has_terminate_date', async () => {
    const t = m.staff.token;
    for (const f of ['paused', 'downscaled', 'restrict_member_access']) {
      expect(await list(R, t, `${f}=true`), f).toEqual(uuids(flagged));
      expect(await list(R, t, `${f}=false`), f).toEqual(uuids(plain, other));
    }
    expect(await list(R, t, 'has_terminate_date=true')).toEqual(uuids(flagged));
    expect(await list(R, t, 'has_terminate_date=false')).toEqual(uuids(plain, other));
    expect(await list(R, t, 'runtime_state=SHUTOFF')).toEqual(uuids(other));
  });

  it('filters by component billing and creation time, on the provider view too', async () => {
    const t = m.staff.token;
    expect(await list(R, t, 'usage_based=true')).toEqual(uuids(other));
    expect(await list(R, t, 'usage_based=false')).toEqual(uuids(plain, flagged));
    expect(await list(R, t, 'only_limit_based=true')).toEqual(uuids(plain, flagged));
    expect(await list(R, t, 'only_usage_based=true')).toEqual([]);
    expect(await list(R, t, 'created_before=2021-01-01')).toEqual(uuids(other));
    expect(await list(R, t, 'created=2021-01-01T00:00:00Z')).toEqual(uuids(plain, flagged));
    const provider = '/api/marketplace-provider-resources/';
    expect(await list(provider, m.providerOwner.token, 'paused=true')).toEqual(uuids(flagged));
  });

  it('answers 400 naming the filter for bad values', async () => {
    for (const q of ['paused=maybe', 'created=yesterday', 'category_uuid=nope']) {
      const r = await s.request<{ errors?: { pointer: string }[] }>('GET', `${R}?${q}`, {
        token: m.staff.token,
      });
      expect(r.status, q).toBe(400);
      expect(JSON.stringify(r.body.errors), q).toContain(q.split('=')[0]);
    }
  });
});
