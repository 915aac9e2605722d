import type { Kysely } from 'kysely';
import type { DB } from '../src/platform/db/schema.js';
import type { BenchClient, BenchResponse } from './client.js';
import type { BenchResult } from './harness.js';

/** Runs one measured scenario (statement counts and RSS around its timed part); see bench/http.ts. */
export type RunScenario = (
  name: string,
  op: (i: number) => Promise<boolean>,
  exhausted?: () => boolean,
) => Promise<BenchResult>;

/** Marketplace fixtures for the write scenarios: a consumer project, a provider with a Basic offering. */
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

const reported = new Set<string>();
/** Whether `r` has the expected status; the first other answer of each scenario goes to stderr. */
function is(r: BenchResponse, status: number, scenario: string): boolean {
  if (r.status === status) return true;
  if (!reported.has(scenario)) {
    reported.add(scenario);
    process.stderr.write(`${scenario}: unexpected ${r.status} ${r.body.slice(0, 500)}\n`);
  }
  return false;
}

/**
 * Order hot paths over HTTP as staff: create (201, routed to pending-provider), approve by provider
 * (Basic: done in the same transaction), retrieve of those orders, and a filtered list page of 50 on
 * the seeded dataset's busiest offering (`listOffering`, about a fifth of `seededOrders`).
 */
export async function orderScenarios(
  db: Kysely<DB>,
  client: BenchClient,
  base: string,
  token: string,
  run: RunScenario,
  listOffering: string,
  seededOrders: number,
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
  const created: string[] = [];
  const results: BenchResult[] = [];
  results.push(
    await run('POST /api/marketplace-orders/ (create)', async (i) => {
      const r = await client.request('POST', '/api/marketplace-orders/', headers, body(i));
      if (!is(r, 201, 'create')) return false;
      created.push((JSON.parse(r.body) as { uuid: string }).uuid);
      return true;
    }),
  );
  const pending = [...created];
  results.push(
    await run(
      'POST …/approve_by_provider/ (Basic → done)',
      async () => {
        const uuid = pending.pop();
        if (!uuid) return false;
        const r = await client.request(
          'POST',
          `/api/marketplace-orders/${uuid}/approve_by_provider/`,
          headers,
          '{}',
        );
        return is(r, 200, 'approve');
      },
      // Approve exactly the orders the create scenario made, then stop.
      () => pending.length === 0,
    ),
  );
  results.push(
    await run('GET /api/marketplace-orders/<uuid>/ (retrieve)', async (i) => {
      const r = await client.request(
        'GET',
        `/api/marketplace-orders/${created[i % created.length]}/`,
        headers,
      );
      return r.status === 200;
    }),
  );
  const list = `/api/marketplace-orders/?offering_uuid=${hex(listOffering)}&state=done&state=pending-provider&page_size=50`;
  results.push(
    await run(
      `GET /api/marketplace-orders/?offering_uuid=…&state=…×2&page_size=50 (${seededOrders} orders)`,
      async (i) => {
        // Pages 1 to 3 in turn, as a user paging through; each answer carries X-Result-Count.
        const r = await client.request('GET', `${list}&page=${1 + (i % 3)}`, headers);
        if (!is(r, 200, 'list')) return false;
        // Every tenth page is parsed and counted; parsing all 220 KB pages would spend the 2 cores'
        // time in the bench's JSON parser rather than in the server being measured.
        const complete =
          i % 10 === 0 ? (JSON.parse(r.body) as unknown[]).length === 50 : r.body.endsWith('}]');
        return complete && r.headers['x-result-count'] !== undefined;
      },
    ),
  );
  return results;
}
