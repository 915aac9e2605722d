import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { makeResource } from '../support/resource-factories.js';

// POST …/marketplace-provider-offerings/{uuid}/check_unique_backend_id/ (Waldur's generated client
// `CheckUniqueBackendIDRequest` → `CheckUniqueBackendIDResponse`): the site agent asks it before it
// names a new SLURM account.
let s: TestServer;
let m: Marketplace;
let other: Marketplace;
type Check = { is_unique: boolean; is_valid_format: boolean | null; errors: string[] };
type Problem = { code: string; errors?: { pointer: string }[] };
const path = (uuid: string) => `/api/marketplace-provider-offerings/${uuid}/check_unique_backend_id/`;

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db);
  other = await makeMarketplace(s.tdb.db);
  await makeResource(s.tdb.db, m, { name: 'taken', backendId: 'hpc_taken' });
  await makeResource(s.tdb.db, other, { name: 'elsewhere', backendId: 'hpc_elsewhere' });
});
afterAll(() => s.close());

describe('check_unique_backend_id', () => {
  it('answers per offering, or across every offering when asked', async () => {
    const ask = (body: object) =>
      s.request<Check>('POST', path(m.offering.uuid), { token: m.offeringManager.token, body });
    const free = await ask({ backend_id: 'hpc_new' });
    expect(free.status, free.text).toBe(200);
    expect(free.body).toEqual({ is_unique: true, is_valid_format: null, errors: [] });
    const taken = await ask({ backend_id: 'hpc_taken' });
    expect(taken.body.is_unique).toBe(false);
    expect(taken.body.errors).toEqual(['Backend ID "hpc_taken" is already used by another resource.']);
    expect((await ask({ backend_id: 'hpc_elsewhere' })).body.is_unique).toBe(true);
    expect((await ask({ backend_id: 'hpc_elsewhere', check_all_offerings: true })).body.is_unique).toBe(
      false,
    );
  });

  it('the provider side may ask; others get 404; bad input is 400 naming the field', async () => {
    for (const who of [m.staff, m.providerOwner, m.offeringManager]) {
      const r = await s.request('POST', path(m.offering.uuid), {
        token: who.token,
        body: { backend_id: 'x' },
      });
      expect(r.status, who.username).toBe(200);
    }
    for (const who of [m.owner, m.projectMember, m.outsider, other.offeringManager]) {
      const r = await s.request('POST', path(m.offering.uuid), {
        token: who.token,
        body: { backend_id: 'x' },
      });
      expect(r.status, who.username).toBe(404);
    }
    for (const body of [{}, { backend_id: '' }, { backend_id: 5 }]) {
      const r = await s.request<Problem>('POST', path(m.offering.uuid), { token: m.staff.token, body });
      expect(r.status).toBe(400);
      expect(r.body.errors?.map((e) => e.pointer)).toContain('/body/backend_id');
    }
    const unauth = await s.request('POST', path(m.offering.uuid), { body: { backend_id: 'x' } });
    expect(unauth.status).toBe(401);
  });
});
