import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grant, makeUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace, orderBody } from '../support/order-factories.js';

let s: TestServer;
type Problem = { code: string; errors?: { pointer: string }[] };

beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const setOffering = (
  m: Marketplace,
  values: { options?: Record<string, unknown>; plugin_options?: Record<string, unknown> },
) => s.tdb.db.updateTable('offerings').set(values).where('id', '=', m.offering.id).execute();
const create = (m: Marketplace, token: string, attributes: Record<string, unknown> = {}) =>
  s.request<Problem>('POST', '/api/marketplace-orders/', {
    token,
    body: orderBody(s.url, m, { attributes: { name: 'r', ...attributes } }),
  });

describe('create-time offering rules', () => {
  it('validates attributes against the offering’s declared options', async () => {
    const m = await makeMarketplace(s.tdb.db);
    await setOffering(m, {
      options: {
        options: {
          flavor: { type: 'select_string', label: 'Flavor', required: true, choices: ['small', 'large'] },
          disk: { type: 'integer', min: 10 },
        },
      },
    });
    const missing = await create(m, m.owner.token);
    expect(missing.status).toBe(400);
    expect(missing.body.errors?.map((e) => e.pointer)).toEqual(['/body/attributes/flavor']);
    const wrong = await create(m, m.owner.token, { flavor: 'huge', disk: 5 });
    expect(wrong.body.errors?.map((e) => e.pointer).sort()).toEqual([
      '/body/attributes/disk',
      '/body/attributes/flavor',
    ]);
    expect((await create(m, m.owner.token, { flavor: 'small', disk: 20 })).status).toBe(201);
  });

  it('restricted_to_roles: other roles get 403, staff and the listed role pass', async () => {
    const m = await makeMarketplace(s.tdb.db);
    await setOffering(m, { plugin_options: { restricted_to_roles: ['PROJECT.MANAGER'] } });
    expect((await create(m, m.projectAdmin.token)).status).toBe(403);
    expect((await create(m, m.projectManager.token)).status).toBe(201);
    expect((await create(m, m.staff.token)).status).toBe(201);
  });

  it('maximal_resource_count_per_project counts live resources of the offering', async () => {
    const m = await makeMarketplace(s.tdb.db);
    await setOffering(m, { plugin_options: { maximal_resource_count_per_project: 1 } });
    expect((await create(m, m.owner.token)).status).toBe(201);
    const second = await create(m, m.owner.token);
    expect(second.status).toBe(400);
    expect(second.body.code).toBe('order.max_resources_reached');
  });

  it('minimal_team_count and required_team_role look at the project team', async () => {
    const m = await makeMarketplace(s.tdb.db);
    await setOffering(m, { plugin_options: { minimal_team_count_for_provisioning: 4 } });
    expect((await create(m, m.owner.token)).body.code).toBe('order.team_too_small');
    const extra = await makeUser(s.tdb.db);
    await grant(s.tdb.db, extra.id, 'PROJECT.ADMIN', { type: 'project', id: m.project.id });
    expect((await create(m, m.owner.token)).status).toBe(201);
    await setOffering(m, { plugin_options: { required_team_role_for_provisioning: 'PROJECT.MEMBER' } });
    await s.tdb.db.deleteFrom('user_roles').where('user_id', '=', m.projectMember.id).execute();
    expect((await create(m, m.owner.token)).body.code).toBe('order.team_role_missing');
  });

  it('unique_resource_per_attribute refuses a second live resource with the same value', async () => {
    const m = await makeMarketplace(s.tdb.db);
    await setOffering(m, { plugin_options: { unique_resource_per_attribute: 'account' } });
    expect((await create(m, m.owner.token, { account: 'acct-1' })).status).toBe(201);
    const dup = await create(m, m.owner.token, { account: 'acct-1' });
    expect(dup.status).toBe(400);
    expect(dup.body.errors?.[0]?.pointer).toBe('/body/attributes/account');
    expect((await create(m, m.owner.token, { account: 'acct-2' })).status).toBe(201);
  });
});
