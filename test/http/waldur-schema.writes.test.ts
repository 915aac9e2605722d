import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { makeMarketplace } from '../support/order-factories.js';
import { type CaseContext, caseContext, runCase } from '../support/waldur-cases.js';
import { loadWaldurSchema } from '../support/waldur-schema.js';
import { WRITE_CASES } from '../support/waldur-write-cases.js';

// Identity, offering and auto-approval writes Orderly serves that Waldur's published schema also has: the
// status must be one Waldur's client accepts (it raises on any other) and the body must fit its model.

const schema = loadWaldurSchema();
let s: TestServer;
let c: CaseContext;

beforeAll(async () => {
  s = await startTestServer();
  c = caseContext(s, await makeMarketplace(s.tdb.db));
});
afterAll(() => s.close());

describe("identity, offering and auto-approval writes answer as Waldur's published schema says", () => {
  for (const k of WRITE_CASES) {
    it(`${k[0]} ${k[1]}`, async () => {
      expect(await runCase(schema, c, k)).toEqual([]);
    });
  }
});
