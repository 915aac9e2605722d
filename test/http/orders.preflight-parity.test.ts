import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { type ProblemView, rowCounts } from '../support/order-api.js';
import { CREATE_CASES } from '../support/order-create-cases.js';
import { makeMarketplace } from '../support/order-factories.js';

let s: TestServer;

beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

interface Verdict {
  accepted: boolean;
  problem: { status: number; code: string; detail: string; errors: { pointer: string }[] } | null;
  state: string | null;
  cost: string | null;
}
type Created = ProblemView & { state?: string; cost?: string | null };

const sorted = (errors: { pointer: string }[] | undefined) => (errors ?? []).map((e) => e.pointer).sort();

/**
 * For every create case: preflight writes nothing and gives the verdict create then gives — the same
 * status, problem code, detail and fields when refused; the same state and cost when accepted.
 */
describe('preflight gives the verdict create gives', () => {
  for (const c of CREATE_CASES) {
    it(c.name, async () => {
      const m = await makeMarketplace(s.tdb.db, c.type);
      const { user, body } = await c.setup(s, m);
      const before = await rowCounts(s.tdb.db);
      const pre = await s.request<Verdict & ProblemView>('POST', '/api/marketplace-orders/preflight/', {
        token: user.token,
        body,
      });
      expect(await rowCounts(s.tdb.db)).toEqual(before);
      const created = await s.request<Created>('POST', '/api/marketplace-orders/', {
        token: user.token,
        body,
      });
      expect(created.status, created.text).toBe(c.expect.status);
      if (c.expect.code) expect(created.body.code).toBe(c.expect.code);
      if (c.expect.pointers) expect(sorted(created.body.errors)).toEqual([...c.expect.pointers].sort());
      if (pre.status === 400) {
        // A body that fails the schema is refused by preflight itself, exactly as by create.
        expect(created.status).toBe(400);
        expect(pre.body.code).toBe(created.body.code);
        expect(sorted(pre.body.errors)).toEqual(sorted(created.body.errors));
        return;
      }
      expect(pre.status, pre.text).toBe(200);
      expect(pre.body.accepted).toBe(created.status === 201);
      if (created.status === 201) {
        expect(pre.body.problem).toBeNull();
        expect(pre.body.state).toBe(created.body.state);
        expect(pre.body.cost).toBe(created.body.cost);
      } else {
        expect(pre.body.problem).toMatchObject({
          status: created.status,
          code: created.body.code,
          detail: created.body.detail,
        });
        expect(sorted(pre.body.problem?.errors)).toEqual(sorted(created.body.errors));
      }
    });
  }
});
