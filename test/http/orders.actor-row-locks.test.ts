import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { createOrder, expectAct, getOrder } from '../support/order-api.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';

// Migration 0022: order actions keep the acting user's id without a foreign key, so they take no
// row lock on that user's `users` row (concurrent actions of one user used to queue on it through
// MultiXacts). Users are never deleted instead, which the database enforces.

let s: TestServer;
let m: Marketplace;
let holder: pg.Client;

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db);
  holder = new pg.Client({ connectionString: s.tdb.url });
  await holder.connect();
});
afterAll(async () => {
  await holder.end();
  await s.close();
});

describe('order actions and the acting user’s row', () => {
  it('create, approve and complete while another transaction holds the users’ rows FOR UPDATE', async () => {
    await holder.query('BEGIN');
    try {
      // FOR UPDATE conflicts with the FOR KEY SHARE a foreign key check takes: with the old keys
      // these requests would wait for this transaction.
      await holder.query('SELECT id FROM users WHERE id = ANY($1) FOR UPDATE', [
        [m.projectAdmin.id, m.owner.id, m.offeringManager.id],
      ]);
      const o = await createOrder(s, m, m.projectAdmin);
      await expectAct(s, o.uuid, 'approve_by_consumer', m.owner, 200);
      await expectAct(s, o.uuid, 'approve_by_provider', m.offeringManager, 200);
      const done = await getOrder(s, o.uuid, m.owner);
      expect(done.state).toBe('done');
      expect(done.provider_reviewed_by).toBe(m.offeringManager.username);
      expect(done.created_by_username).toBe(m.projectAdmin.username);
    } finally {
      await holder.query('ROLLBACK');
    }
  });

  it('a user cannot be deleted or truncated away (history keeps the ids)', async () => {
    await expect(holder.query('DELETE FROM users WHERE id = $1', [m.outsider.id])).rejects.toMatchObject({
      code: '23001',
      message: expect.stringContaining('never deleted'),
    });
    await expect(holder.query('TRUNCATE users CASCADE')).rejects.toMatchObject({ code: '23001' });
    const left = await holder.query('SELECT 1 FROM users WHERE id = $1', [m.outsider.id]);
    expect(left.rowCount).toBe(1);
  });
});
