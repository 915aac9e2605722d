import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { makeMarketplace } from '../support/order-factories.js';
import { makeResource } from '../support/resource-factories.js';
import { AGENT_CASES } from '../support/waldur-agent-cases.js';
import { type CaseContext, caseContext, runCase } from '../support/waldur-cases.js';
import { PROVIDER_CASES } from '../support/waldur-provider-cases.js';
import { loadWaldurSchema } from '../support/waldur-schema.js';
import { USAGE_CASES } from '../support/waldur-usage-cases.js';

// The site agent's calls (registry, offering users, per-user usages and limits, integration status) that Waldur's
// published schema also has: the status must be one Waldur's client accepts and the body must fit.

const schema = loadWaldurSchema();
let s: TestServer;
let c: CaseContext;

beforeAll(async () => {
  s = await startTestServer();
  const m = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm', {
    service_provider_can_create_offering_user: true,
    enable_membership_sync_status: true,
  });
  await makeResource(s.tdb.db, m);
  c = caseContext(s, m);
});
afterAll(() => s.close());

describe("the site agent's calls answer as Waldur's published schema says", () => {
  for (const k of [...AGENT_CASES, ...USAGE_CASES, ...PROVIDER_CASES]) {
    it(`${k[0]} ${k[1]}`, async () => {
      expect(await runCase(schema, c, k)).toEqual([]);
    });
  }
});
