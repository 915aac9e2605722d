import { type Kysely, sql } from 'kysely';
import type { DB } from '../src/platform/db/schema.js';
import { type BenchResult, measure } from './harness.js';

/** Marketplace fixtures for the order scenarios: a consumer project, a provider with a Basic offering. */
async function fixtures(db: Kysely<DB>, suffix: string) {
  const consumer = await db
    .insertInto('customers')
    .values({ name: 'Bench Consumer', slug: `bench-c-${suffix}` })
    .returning(['id', 'uuid'])
    .executeTakeFirstOrThrow();
  const project = await db
    .insertInto('projects')
    .values({ customer_id: consumer.id, name: 'Bench', slug: `bench-prj-${suffix}` })
    .returning(['id', 'uuid'])
    .executeTakeFirstOrThrow();
  const provider = await db
    .insertInto('customers')
    .values({ name: 'Bench Provider', slug: `bench-p-${suffix}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('service_providers').values({ customer_id: provider.id }).execute();
  const category = await db
    .insertInto('offering_categories')
    .values({ title: 'Bench' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const offering = await db
    .insertInto('offerings')
    .values({
      customer_id: provider.id,
      category_id: category.id,
      name: 'Bench Basic',
      slug: `bench-o-${suffix}`,
      type: 'Marketplace.Basic',
      state: 2,
      // The measured scenario is Waldur's Basic processor: approved and done in one transaction.
      plugin_options: { auto_complete_on_approval: true },
    })
    .returning(['id', 'uuid'])
    .executeTakeFirstOrThrow();
  await db
    .insertInto('offering_components')
    .values({ offering_id: offering.id, type: 'cpu', name: 'CPU', billing_type: 'limit' })
    .execute();
  const plan = await db
    .insertInto('plans')
    .values({ offering_id: offering.id, name: 'Bench', unit_price: '1' })
    .returning('uuid')
    .executeTakeFirstOrThrow();
  return { project, offering, plan };
}

const hex = (u: string) => u.replace(/-/g, '');

/**
 * Order hot paths over HTTP as staff: create (201, routed to pending-provider), approve by provider
 * (Basic: done in the same transaction) and a filtered list page of 50 — the last one measured with
 * `extraOrders` more orders in the table, so the index path is exercised.
 */
export async function orderScenarios(
  db: Kysely<DB>,
  base: string,
  token: string,
  concurrency: number,
  seconds: number,
  extraOrders: number,
): Promise<BenchResult[]> {
  const f = await fixtures(db, String(Date.now()));
  const headers = { authorization: `Token ${token}`, 'content-type': 'application/json' };
  const body = (i: number) =>
    JSON.stringify({
      project: `${base}/api/projects/${hex(f.project.uuid)}/`,
      offering: `${base}/api/marketplace-public-offerings/${hex(f.offering.uuid)}/`,
      plan: `${base}/api/marketplace-public-offerings/${hex(f.offering.uuid)}/plans/${hex(f.plan.uuid)}/`,
      attributes: { name: `bench-${i}` },
      limits: { cpu: 1 },
    });
  const pending: string[] = [];
  const results: BenchResult[] = [];
  results.push(
    await measure(
      'POST /api/marketplace-orders/ (create)',
      async (i) => {
        const r = await fetch(`${base}/api/marketplace-orders/`, { method: 'POST', headers, body: body(i) });
        const o = (await r.json()) as { uuid: string };
        if (r.status === 201) pending.push(o.uuid);
        return r.status === 201;
      },
      concurrency,
      seconds,
    ),
  );
  results.push(
    await measure(
      'POST …/approve_by_provider/ (Basic → done)',
      async () => {
        const uuid = pending.pop();
        if (!uuid) return false;
        const r = await fetch(`${base}/api/marketplace-orders/${uuid}/approve_by_provider/`, {
          method: 'POST',
          headers,
          body: '{}',
        });
        await r.arrayBuffer();
        return r.status === 200;
      },
      concurrency,
      seconds,
      // Approve exactly the orders the create scenario made, then stop.
      () => pending.length === 0,
    ),
  );
  // Grow the table so the list query runs against a realistic index, not a handful of rows.
  await sql`INSERT INTO resources (offering_id, project_id, name, state)
    SELECT ${f.offering.id}, ${f.project.id}, 'bulk-' || g, 2 FROM generate_series(1, ${extraOrders}) g`.execute(
    db,
  );
  await sql`INSERT INTO orders (resource_id, offering_id, project_id, type, state, created)
    SELECT r.id, r.offering_id, r.project_id, 1, 3, now() - random() * interval '365 days'
    FROM resources r WHERE r.offering_id = ${f.offering.id} AND r.name LIKE 'bulk-%'`.execute(db);
  await sql`ANALYZE orders`.execute(db);
  results.push(
    await measure(
      `GET /api/marketplace-orders/?state=…&page_size=50 (${extraOrders} orders)`,
      async () => {
        const r = await fetch(
          `${base}/api/marketplace-orders/?offering_uuid=${f.offering.uuid}&state=done&state=pending-provider&page_size=50&page=2`,
          { headers },
        );
        await r.arrayBuffer();
        return r.status === 200;
      },
      concurrency,
      seconds,
    ),
  );
  return results;
}
