import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { makeMarketplace } from '../support/order-factories.js';
import { ACTION_CASES } from '../support/waldur-action-cases.js';
import { type CaseContext, caseContext, runCase } from '../support/waldur-cases.js';
import { loadWaldurSchema } from '../support/waldur-schema.js';

// Order, resource and usage actions Orderly serves that Waldur's published schema also has: the
// status must be one Waldur's client accepts (it raises on any other) and the body must fit its model.

const schema = loadWaldurSchema();
let s: TestServer;
let c: CaseContext;

beforeAll(async () => {
  s = await startTestServer();
  const m = await makeMarketplace(s.tdb.db, 'Marketplace.Basic', {
    enable_provider_consumer_messaging: true,
    can_restore_resource: true,
  });
  const agent = caseContext(s, await makeMarketplace(s.tdb.db, 'Marketplace.Slurm'));
  c = caseContext(s, m, agent);
});
afterAll(() => s.close());

describe("order, resource and usage actions answer as Waldur's published schema says", () => {
  for (const k of ACTION_CASES) {
    it(`${k[0]} ${k[1]}`, async () => {
      expect(await runCase(schema, c, k)).toEqual([]);
    });
  }
});
