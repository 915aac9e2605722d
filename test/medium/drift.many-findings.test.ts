import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertFindings, updateFindings } from '../../src/modules/drift/adapters/pg/finding-writes.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { makeMarketplace } from '../support/order-factories.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

describe('drift findings at scale', () => {
  it('writes more findings than one statement can carry parameters for (65,535)', async () => {
    const m = await makeMarketplace(t.db);
    const n = 7_000; // 2n rows × 6 columns = 84,000 parameters: one statement would be refused
    const ids = await sql<{ id: number }>`
      INSERT INTO resources (offering_id, project_id, name, slug)
      SELECT ${m.offering.id}, ${m.project.id}, 'drift-' || g, 'drift-many-' || g FROM generate_series(1, ${n * 2}) g
      RETURNING id`.execute(t.db);
    const now = new Date();
    const rows = ids.rows.map((r) => ({
      resource_id: r.id,
      rule: 'order_done_resource_in_progress',
      resource_state: 1,
      expected_state: 2,
      detected_at: now,
      last_seen_at: now,
    }));
    await t.db.transaction().execute((tx) => insertFindings(tx, rows));
    const found = await t.db
      .selectFrom('resource_drift_findings')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(found.n)).toBe(n * 2);
    const all = await t.db.selectFrom('resource_drift_findings').select('id').execute();
    await t.db.transaction().execute((tx) =>
      updateFindings(
        tx,
        all.map((r) => r.id),
        { last_seen_at: new Date(now.getTime() + 1000) },
      ),
    );
    const seen = await t.db
      .selectFrom('resource_drift_findings')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('last_seen_at', '>', now)
      .executeTakeFirstOrThrow();
    expect(Number(seen.n)).toBe(n * 2);
  });
});
