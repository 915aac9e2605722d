import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillResourceSlugs } from '../../src/platform/db/migrations/0011_provider_roles.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { createOrder, dashed, expectAct } from '../support/order-api.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';

/**
 * Resource `slug` and `last_sync` (issue 11 part 4): Waldur fills both on creation; the site agent
 * names SLURM accounts `hpc_<slug>` and parses `last_sync` as a date-time, so neither may be empty.
 */
let s: TestServer;
let m: Marketplace;

interface ResourceView {
  uuid: string;
  slug: string;
  last_sync: string;
}

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm');
});
afterAll(() => s.close());

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Orders a resource named `name` and returns it through both views. */
async function ordered(name: string) {
  const o = await createOrder(s, m, m.owner, { attributes: { name } });
  const get = (path: string, token: string) =>
    s.request<ResourceView>('GET', `/api/${path}/${o.marketplace_resource_uuid}/`, { token });
  const consumer = await get('marketplace-resources', m.owner.token);
  const provider = await get('marketplace-provider-resources', m.providerOwner.token);
  expect(consumer.status).toBe(200);
  expect(provider.status).toBe(200);
  return { order: o, consumer: consumer.body, provider: provider.body };
}

describe('resource slug', () => {
  it('comes from the first 8 characters of the slugified name, with the next free suffix', async () => {
    const slugs: string[] = [];
    for (const name of ['My Alloc', 'My Alloc', 'my alloc!!']) {
      const r = await ordered(name);
      expect(r.consumer.slug).toBe(r.provider.slug);
      slugs.push(r.provider.slug);
    }
    expect(slugs).toEqual(['my-alloc-1', 'my-alloc-2', 'my-alloc-3']);
  });

  it('stays unique when resources with the same name are created at the same time', async () => {
    const orders = await Promise.all(
      Array.from({ length: 8 }, () => createOrder(s, m, m.owner, { attributes: { name: 'Parallel run' } })),
    );
    const rows = await s.tdb.db
      .selectFrom('resources')
      .select('slug')
      .where(
        'uuid',
        'in',
        orders.map((o) => dashed(o.marketplace_resource_uuid)),
      )
      .execute();
    expect(rows.map((r) => r.slug).sort()).toEqual(
      Array.from({ length: 8 }, (_, i) => `parallel-${i + 1}`).sort(),
    );
  });

  it('does not queue behind a creation of the same base in flight: it takes the next number', async () => {
    const connect = async () => {
      const c = new pg.Client({ connectionString: s.tdb.url });
      await c.connect();
      return c;
    };
    const [a, b] = [await connect(), await connect()];
    const insert = (c: pg.Client, name: string) =>
      c
        .query<{ slug: string }>(
          'INSERT INTO resources (offering_id, project_id, name) VALUES ($1, $2, $3) RETURNING slug',
          [m.offering.id, m.project.id, name],
        )
        .then((r) => r.rows[0]?.slug);
    try {
      await a.query('BEGIN');
      expect(await insert(a, 'Queued one')).toBe('queued-o-1');
      // Under 0011's per-base lock this insert waited for `a` to commit (here: forever, so the
      // timeout turns that into a failure); now it moves on to the next number.
      await b.query(`SET statement_timeout = '5s'`);
      await b.query('BEGIN');
      expect(await insert(b, 'Queued other')).toBe('queued-o-2');
      await a.query('COMMIT');
      await b.query('COMMIT');
      expect(await insert(a, 'Queued once more')).toBe('queued-o-3');
    } finally {
      await a.end();
      await b.end();
    }
  });

  it('is never empty, trims a dangling hyphen and drops characters outside [a-z0-9]', async () => {
    expect((await ordered('***')).provider.slug).toMatch(/^resource-\d+$/);
    expect((await ordered('Kvantum Åsa')).provider.slug).toBe('kvantum-1');
  });

  it('is filled for rows inserted without one, and stays unique and non-empty', async () => {
    const db = s.tdb.db;
    const insert = (name: string, slug?: string) =>
      db
        .insertInto('resources')
        .values({
          offering_id: m.offering.id,
          project_id: m.project.id,
          name,
          ...(slug ? { slug } : {}),
        })
        .returning(['id', 'slug'])
        .executeTakeFirstOrThrow();
    const a = await insert('Direct row');
    expect(a.slug).toBe('direct-r-1');
    await expect(insert('Other', a.slug)).rejects.toThrow(/resources_slug/);
    await expect(
      db.updateTable('resources').set({ slug: '' }).where('id', '=', a.id).execute(),
    ).rejects.toThrow(/resources_slug_not_empty/);
  });

  it('back-fills empty, shared and not yet provisioned slugs; keeps slugs a backend already uses', async () => {
    const db = s.tdb.db;
    const rollback = new Error('rollback');
    const run = db.transaction().execute(async (trx) => {
      await sql`DROP INDEX resources_slug; ALTER TABLE resources DROP CONSTRAINT resources_slug_not_empty`.execute(
        trx,
      );
      const row = (name: string, slug: string, backend_id: string) =>
        trx
          .insertInto('resources')
          .values({ offering_id: m.offering.id, project_id: m.project.id, name, slug, backend_id })
          .returning('id')
          .executeTakeFirstOrThrow();
      // Legacy rows: an empty slug, a slug shared by two provisioned rows, a provisioned unique one,
      // and an unprovisioned one with an old-style slug.
      const empty = await row('Legacy A', 'x', 'b1');
      await trx.updateTable('resources').set({ slug: '' }).where('id', '=', empty.id).execute();
      const first = await row('Legacy B', 'org-offering-2026-01-01', 'b2');
      const second = await row('Legacy C', 'org-offering-2026-01-01', 'b3');
      const kept = await row('Legacy D', 'hpc-legacy-d', 'b4');
      const fresh = await row('Legacy E', 'org-offering-2026-01-02', '');
      await backfillResourceSlugs(trx);
      const slugOf = async (id: number) =>
        (await trx.selectFrom('resources').select('slug').where('id', '=', id).executeTakeFirstOrThrow())
          .slug;
      expect(await slugOf(empty.id)).toBe('legacy-a-1');
      expect(await slugOf(first.id)).toBe('org-offering-2026-01-01');
      expect(await slugOf(second.id)).toBe('legacy-c-1');
      expect(await slugOf(kept.id)).toBe('hpc-legacy-d');
      expect(await slugOf(fresh.id)).toBe('legacy-e-1');
      const dup = await sql<{
        n: string;
      }>`SELECT count(*) - count(DISTINCT slug) AS n FROM resources`.execute(trx);
      expect(Number(dup.rows[0]?.n)).toBe(0);
      const blank = await trx.selectFrom('resources').select('id').where('slug', '=', '').execute();
      expect(blank).toEqual([]);
      throw rollback;
    });
    await expect(run).rejects.toBe(rollback);
  });
});

describe('resource last_sync', () => {
  it('is a date-time from creation on, in both views, and moves on refresh_last_sync', async () => {
    const r = await ordered('Sync Me');
    expect(r.consumer.last_sync).toMatch(ISO);
    expect(r.provider.last_sync).toBe(r.consumer.last_sync);
    await expectAct(s, r.order.uuid, 'approve_by_provider', m.offeringManager, 200, {});
    await s.tdb.db
      .updateTable('resources')
      .set({ last_sync: new Date('2020-01-01T00:00:00Z') })
      .where('uuid', '=', dashed(r.provider.uuid))
      .execute();
    const path = `/api/marketplace-provider-resources/${r.provider.uuid}/`;
    const refreshed = await s.request('POST', `${path}refresh_last_sync/`, {
      token: m.offeringManager.token,
    });
    expect(refreshed.status, refreshed.text).toBe(200);
    const after = await s.request<ResourceView>('GET', path, { token: m.offeringManager.token });
    expect(after.body.last_sync).toMatch(ISO);
    expect(new Date(after.body.last_sync).getTime()).toBeGreaterThan(new Date('2021-01-01').getTime());
  });

  it('is never null in the list of either view', async () => {
    for (const [path, token] of [
      ['marketplace-resources', m.owner.token],
      ['marketplace-provider-resources', m.providerOwner.token],
    ] as const) {
      const list = await s.request<ResourceView[]>('GET', `/api/${path}/?page_size=100`, { token });
      expect(list.body.length).toBeGreaterThan(0);
      for (const r of list.body) {
        expect(r.last_sync).toMatch(ISO);
        expect(r.slug).not.toBe('');
      }
    }
  });
});
