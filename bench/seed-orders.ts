// The benchmark's order dataset: `BENCH_ORDERS` (default 1,000,000) orders spread over 20 offerings
// of 10 providers, 1,000 projects of 40 organizations, 200 requesters, nine states and two years,
// built with INSERT … SELECT generate_series (minutes for a million), then VACUUM ANALYZE.
// Idempotent: a second run on the same database only adds what is missing.
// Standalone: `DATABASE_URL=postgres://… npx tsx bench/seed-orders.ts` (a scratch database!).
import { pathToFileURL } from 'node:url';
import { type Kysely, sql } from 'kysely';
import { pino } from 'pino';
import { setupDatabase } from '../src/app/setup.js';
import { openDatabase } from '../src/platform/db/database.js';
import type { DB } from '../src/platform/db/schema.js';

/** What the seed left in the database. */
export interface SeededOrders {
  /** Orders on the seed's offerings (about the requested size). */
  orders: number;
  /** The busiest seed offering (about a fifth of the orders): what the list scenario filters on. */
  offeringUuid: string;
  /** Seconds this call spent inserting (0 when the dataset was already there). */
  seconds: number;
}

/** Providers, offerings, organizations, projects and users the orders point at (fixed slugs). */
async function fixtures(db: Kysely<DB>): Promise<void> {
  await sql`
    INSERT INTO users (username, email) SELECT 'bench-seed-u-' || g, 'u' || g || '@bench.example'
      FROM generate_series(1, 200) g ON CONFLICT DO NOTHING;
    INSERT INTO customers (name, slug) SELECT 'Seed org ' || g, 'bench-seed-c-' || g
      FROM generate_series(1, 40) g ON CONFLICT DO NOTHING;
    INSERT INTO projects (customer_id, name, slug)
      SELECT c.id, 'Seed project ' || g, 'bench-seed-p-' || g FROM generate_series(1, 1000) g
        JOIN customers c ON c.slug = 'bench-seed-c-' || (1 + g % 40) ON CONFLICT DO NOTHING;
    INSERT INTO customers (name, slug) SELECT 'Seed provider ' || g, 'bench-seed-v-' || g
      FROM generate_series(1, 10) g ON CONFLICT DO NOTHING;
    INSERT INTO service_providers (customer_id)
      SELECT id FROM customers WHERE slug LIKE 'bench-seed-v-%' ON CONFLICT DO NOTHING;`.execute(db);
  const has = await sql`SELECT 1 FROM offerings WHERE slug = 'bench-seed-o-1'`.execute(db);
  if (has.rows.length > 0) return;
  await sql`
    WITH cat AS (INSERT INTO offering_categories (title) VALUES ('Bench seed') RETURNING id)
    INSERT INTO offerings (customer_id, category_id, name, slug, type, state)
      SELECT c.id, cat.id, 'Seed offering ' || g, 'bench-seed-o-' || g, 'Marketplace.Basic', 2
        FROM generate_series(1, 20) g CROSS JOIN cat
        JOIN customers c ON c.slug = 'bench-seed-v-' || (1 + g % 10);
    INSERT INTO plans (offering_id, name, unit_price)
      SELECT id, 'Seed plan', 1 FROM offerings WHERE slug LIKE 'bench-seed-o-%';
    INSERT INTO offering_components (offering_id, type, name, billing_type)
      SELECT id, 'cpu', 'CPU', 'limit' FROM offerings WHERE slug LIKE 'bench-seed-o-%';`.execute(db);
}

async function seedCount(db: Kysely<DB>): Promise<number> {
  const r = await sql<{ n: string }>`SELECT count(*) AS n FROM orders o
    JOIN offerings f ON f.id = o.offering_id WHERE f.slug LIKE 'bench-seed-o-%'`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * Adds orders until about `target` exist on the seed offerings. Each resource gets its Create order;
 * every fourth also an Update (or Terminate) order, so resources = orders / 1.25. Offering popularity
 * is skewed (the first takes ~22 %), states follow the resource (75 % done).
 */
export async function seedOrders(db: Kysely<DB>, target: number): Promise<SeededOrders> {
  const t0 = Date.now();
  await fixtures(db);
  const missing = target - (await seedCount(db));
  const resources = Math.ceil(missing / 1.25);
  if (resources > 0) {
    const before = await sql<{ id: string | null }>`SELECT max(id) AS id FROM resources`.execute(db);
    const after = Number(before.rows[0]?.id ?? 0);
    // Slugs given: the fill-slug trigger would scan every 'seed-%' slug per row (quadratic).
    await sql`
      WITH f AS (
        SELECT array_agg(o.id ORDER BY o.id) AS offs, array_agg(p.id ORDER BY o.id) AS plans
          FROM offerings o JOIN plans p ON p.offering_id = o.id WHERE o.slug LIKE 'bench-seed-o-%'
      ), prj AS (SELECT array_agg(id ORDER BY id) AS ids FROM projects WHERE slug LIKE 'bench-seed-p-%'),
      g AS (
        SELECT g, abs(hashint8(g)) % 10000 AS ho, abs(hashint8(g + 1000000000)) AS hp,
               abs(hashint8(g + 2000000000)) % 1000 AS hs, abs(hashint8(g + 3000000000)) % 1000000 AS ht
          FROM generate_series(${after + 1}::bigint, ${after + resources}::bigint) g
      ), pick AS (
        SELECT g.*, 1 + floor(cardinality(f.offs) * (ho / 10000.0) ^ 2)::int AS oi FROM g CROSS JOIN f
      )
      INSERT INTO resources (offering_id, project_id, plan_id, name, slug, state, limits, created, modified)
      SELECT f.offs[oi], prj.ids[1 + hp % cardinality(prj.ids)], f.plans[oi], 'seed-' || g, 'seed-' || g,
             CASE WHEN hs < 750 THEN 2 WHEN hs < 870 THEN 1 WHEN hs < 900 THEN 3 ELSE 6 END,
             jsonb_build_object('cpu', 1 + hp % 16),
             now() - ht / 1000000.0 * interval '730 days', now() - ht / 1000000.0 * interval '730 days'
        FROM pick CROSS JOIN f CROSS JOIN prj`.execute(db);
    // Create orders take their state from the resource's; the extra one is a later Update/Terminate.
    await sql`
      INSERT INTO orders (resource_id, offering_id, project_id, plan_id, type, state, attributes, limits,
                          created_by, created, modified)
      SELECT r.id, r.offering_id, r.project_id, r.plan_id,
             CASE WHEN k = 0 THEN 1 WHEN r.state = 6 THEN 3 ELSE 2 END,
             CASE WHEN k = 1 THEN (CASE WHEN r.state IN (2, 6) THEN 3 ELSE 5 END)
                  WHEN r.state IN (2, 6) THEN 3 WHEN r.state = 3 THEN 4
                  ELSE (ARRAY[1, 7, 7, 2, 2, 8, 5, 6])[1 + h % 8] END,
             jsonb_build_object('name', r.name), r.limits, u.ids[1 + h % cardinality(u.ids)],
             r.created + k * (now() - r.created) / 2, r.created + k * (now() - r.created) / 2
        FROM resources r
        CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids FROM users WHERE username LIKE 'bench-seed-u-%') u
        CROSS JOIN LATERAL (SELECT abs(hashint8(r.id)) AS h) hh
        CROSS JOIN LATERAL (SELECT 0 AS k UNION ALL SELECT 1 WHERE r.id % 4 = 0) ks
       WHERE r.id > ${after} AND r.name LIKE 'seed-%'`.execute(db);
    // VACUUM too (not only ANALYZE): sets the visibility map, so autovacuum does not start mid-bench.
    await sql`VACUUM (ANALYZE) resources, orders`.execute(db);
  }
  const busiest = await sql<{
    uuid: string;
  }>`SELECT uuid FROM offerings WHERE slug = 'bench-seed-o-1'`.execute(db);
  return {
    orders: await seedCount(db),
    offeringUuid: busiest.rows[0]!.uuid,
    seconds: resources > 0 ? (Date.now() - t0) / 1000 : 0,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL (a scratch database)');
  const logger = pino({ level: 'warn' });
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: '.', logger });
  await setupDatabase(database.db, { demo: false, dataDir: '.' }, logger);
  const r = await seedOrders(database.db, Number(process.env.BENCH_ORDERS ?? 1_000_000));
  process.stdout.write(`${r.orders} seed orders (${r.seconds.toFixed(1)} s this run)\n`);
  await database.close();
}
