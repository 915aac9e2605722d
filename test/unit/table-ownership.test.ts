import { describe, expect, it } from 'vitest';
import { ownershipViolations, scanSource, violationOf, writesIn } from '../../scripts/table-writes.js';
import { TABLE_OWNERS } from '../../src/platform/db/table-owners.js';

const tables = new Set(Object.keys(TABLE_OWNERS));

describe('table ownership: each table is written only by its owner, through its repository', () => {
  it('the scanner reads Kysely calls, raw SQL and expressions, and ignores prose', () => {
    const src = [
      "await tx.insertInto('orders').values(v).execute();",
      "await tx\n  .updateTable('resources as r')\n  .set({ state: 3 });",
      "tx.deleteFrom('events')",
      'await sql`UPDATE tenants SET state = 2`.execute(tx);',
      'await sql`INSERT INTO user_roles (a) VALUES (1)`;',
      'tx.deleteFrom(table).execute();',
      '// an UPDATE order is created; DELETE FROM orders in a comment',
      '/** INSERT INTO events, in a doc comment */',
      'const s = `UPDATE resources is not SQL here`;',
    ].join('\n');
    const found = writesIn('src/modules/orders/adapters/pg/x.ts', src, tables);
    expect(found.map((w) => [w.line, w.table])).toEqual([
      [1, 'orders'],
      [3, 'resources'],
      [5, 'events'],
      [8, null],
      [6, 'tenants'],
      [7, 'user_roles'],
    ]);
  });

  it('the rule: owner module, and inside it only adapters/pg', () => {
    const w = (file: string, table: string | null) => violationOf({ file, line: 1, table }, TABLE_OWNERS);
    expect(w('src/modules/orders/adapters/pg/order-writes.ts', 'orders')).toBeNull();
    expect(w('src/modules/orders/app/create-order.ts', 'orders')).toMatch(
      /outside modules\/orders\/adapters\/pg/,
    );
    expect(w('src/modules/orders/adapters/pg/x.ts', 'resources')).toMatch(/owned by modules\/resources/);
    expect(w('src/flows/remote-orders/submit.ts', 'orders')).toMatch(/written from flows\/remote-orders/);
    expect(w('src/demo/seed.ts', 'users')).toMatch(/written from demo/);
    expect(w('src/platform/http/idempotency.ts', 'idempotency_keys')).toBeNull();
    expect(w('src/modules/orders/adapters/pg/x.ts', null)).toMatch(/expression/);
  });

  it('every table has an owner that exists, and the code writes most of them', () => {
    const written = new Set(scanSource().map((w) => w.table));
    // A scanner that silently found nothing would make the next test pass vacuously.
    expect(written.size).toBeGreaterThan(50);
    for (const owner of new Set(Object.values(TABLE_OWNERS))) {
      expect(scanSource(`src/${owner}`).length, owner).toBeGreaterThan(0);
    }
  });

  it('no table is written from outside its owner', () => {
    expect(ownershipViolations()).toEqual([]);
  });
});
