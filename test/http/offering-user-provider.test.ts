import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { hexOf, makeResource, type TestResource } from '../support/resource-factories.js';

let s: TestServer;
let m: Marketplace;
let r: TestResource;
let spUuid: string;

interface Problem {
  code: string;
  errors?: { pointer: string }[];
}
interface Config {
  is_default: boolean;
  exposed_fields: string[];
  expose_email: boolean;
  expose_phone_number: boolean;
  offering_uuid: string;
}

const get = <T = unknown>(path: string, token: string) => s.request<T>('GET', path, { token });
const PO = () => `/api/marketplace-provider-offerings/${hexOf(m.offering.uuid)}`;

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm', { enable_membership_sync_status: true });
  r = await makeResource(s.tdb.db, m);
  spUuid = hexOf(m.provider.uuid);
  const sp = await s.tdb.db
    .selectFrom('service_providers')
    .select('uuid')
    .where('customer_id', '=', m.provider.id)
    .executeTakeFirstOrThrow();
  spUuid = hexOf(sp.uuid);
});
afterAll(() => s.close());

describe('user attribute config', () => {
  it('is the default (username, full name, e-mail) until saved; POST replaces, PATCH merges, DELETE resets', async () => {
    const first = await get<Config>(`${PO()}/user-attribute-config/`, m.offeringManager.token);
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({
      is_default: true,
      exposed_fields: ['full_name', 'email', 'username'],
    });
    const saved = await s.request<Config>('POST', `${PO()}/update-user-attribute-config/`, {
      token: m.offeringManager.token,
      body: { expose_phone_number: true, expose_email: false },
    });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toMatchObject({ is_default: false, expose_email: false, expose_phone_number: true });
    expect(saved.body.exposed_fields).toEqual(['full_name', 'username', 'phone_number']);
    const patched = await s.request<Config>('PATCH', `${PO()}/update-user-attribute-config/`, {
      token: m.providerOwner.token,
      body: { expose_email: true },
    });
    expect(patched.body.exposed_fields).toEqual(['full_name', 'email', 'username', 'phone_number']);
    const put = await s.request<Config>('PUT', `${PO()}/update-user-attribute-config/`, {
      token: m.customerManager.token,
      body: { expose_job_title: true },
    });
    expect(put.body.exposed_fields).toEqual(['full_name', 'email', 'username', 'job_title']);
    const del = await s.request('DELETE', `${PO()}/delete-user-attribute-config/`, { token: m.staff.token });
    expect(del.status).toBe(204);
    expect((await get<Config>(`${PO()}/user-attribute-config/`, m.staff.token)).body.is_default).toBe(true);
  });

  it('others: 404 when they cannot see the offering, 403 when they may not edit, 400 on bad flags', async () => {
    expect((await get(`${PO()}/user-attribute-config/`, m.outsider.token)).status).toBe(404);
    const other = await makeMarketplace(s.tdb.db);
    expect((await get(`${PO()}/user-attribute-config/`, other.offeringManager.token)).status).toBe(404);
    const edit = (token: string, body: unknown) =>
      s.request<Problem>('PATCH', `${PO()}/update-user-attribute-config/`, { token, body });
    expect((await edit(m.outsider.token, { expose_email: true })).status).toBe(404);
    expect((await edit(m.support.token, { expose_email: true })).status).toBe(403);
    const bad = await edit(m.staff.token, { expose_email: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.pointer)).toEqual(['/body/expose_email']);
    expect(
      (await get('/api/marketplace-provider-offerings/nope/user-attribute-config/', m.staff.token)).status,
    ).toBe(400);
  });
});

describe('attribute exposure on offering users', () => {
  it('the provider sees only exposed attributes; staff and the person see all', async () => {
    const m2 = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm', {
      service_provider_can_create_offering_user: true,
    });
    await makeResource(s.tdb.db, m2);
    const url = `/api/marketplace-offering-users/?offering_uuid=${m2.offering.uuid}`;
    const keys = async (token: string) =>
      Object.keys((await get<Record<string, unknown>[]>(url, token)).body[0] ?? {});
    const byDefault = await keys(m2.offeringManager.token);
    expect(byDefault).toEqual(
      expect.arrayContaining(['user_username', 'user_full_name', 'user_email', 'state']),
    );
    expect(byDefault).not.toContain('user_organization');
    const edit = await s.request(
      'POST',
      `/api/marketplace-provider-offerings/${hexOf(m2.offering.uuid)}/update-user-attribute-config/`,
      {
        token: m2.providerOwner.token,
        body: { expose_email: false, expose_organization: true },
      },
    );
    expect(edit.status).toBe(200);
    const after = await keys(m2.customerManager.token);
    expect(after).toEqual(
      expect.arrayContaining(['user_username', 'user_organization', 'username', 'uuid', 'url']),
    );
    expect(after).not.toContain('user_email');
    expect(await keys(m2.staff.token)).toContain('user_email');
    expect(await keys(m2.projectAdmin.token)).toContain('user_email');
  });
});

describe('service and course accounts (none in Orderly)', () => {
  it.each(['list_project_service_accounts', 'list_course_accounts'])(
    '%s: empty for the provider, 403/404 for others',
    async (kind) => {
      const res = await get<unknown[]>(`${PO()}/${kind}/?page_size=100`, m.offeringManager.token);
      expect(res.status, res.text).toBe(200);
      expect(res.body).toEqual([]);
      expect(res.headers.get('x-result-count')).toBe('0');
      expect((await get(`${PO()}/${kind}/`, m.outsider.token)).status).toBe(404);
      expect((await get(`${PO()}/${kind}/?page=0`, m.staff.token)).status).toBe(400);
    },
  );
});

describe('service provider keys and projects', () => {
  it('keys: an empty list for the provider’s people; 403 for others; 404 for an unknown provider', async () => {
    const res = await get<unknown[]>(
      `/api/marketplace-service-providers/${spUuid}/keys/`,
      m.offeringManager.token,
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual([]);
    expect(
      (await get(`/api/marketplace-service-providers/${spUuid}/keys/`, m.projectAdmin.token)).status,
    ).toBe(403);
    expect(
      (await get('/api/marketplace-service-providers/00000000000000000000000000000000/keys/', m.staff.token))
        .status,
    ).toBe(404);
    const bad = await get<Problem>(
      `/api/marketplace-service-providers/${spUuid}/keys/?user_uuid=x`,
      m.staff.token,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]?.pointer).toBe('/query/user_uuid');
  });

  it('projects: those with a live resource of the provider’s offerings, searchable by name or uuid', async () => {
    const url = `/api/marketplace-service-providers/${spUuid}/projects/`;
    const res = await get<{ uuid: string; name: string }[]>(url, m.offeringManager.token);
    expect(res.status, res.text).toBe(200);
    expect(res.body.map((p) => p.uuid)).toEqual([hexOf(m.project.uuid)]);
    const byUuid = await get<{ uuid: string }[]>(
      `${url}?query=${m.project.uuid}&field=uuid`,
      m.providerOwner.token,
    );
    expect(byUuid.body).toEqual([{ uuid: hexOf(m.project.uuid) }]);
    expect((await get<unknown[]>(`${url}?query=no-such-project`, m.staff.token)).body).toEqual([]);
    expect((await get(url, m.projectAdmin.token)).status).toBe(403);
    expect((await get(url, m.outsider.token)).status).toBe(403);
    await s.tdb.db.updateTable('resources').set({ state: 6 }).where('id', '=', r.id).execute();
    expect((await get<unknown[]>(url, m.staff.token)).body).toEqual([]);
    await s.tdb.db.updateTable('resources').set({ state: 2 }).where('id', '=', r.id).execute();
  });
});

describe('set_membership_sync_statuses', () => {
  const path = () => `/api/marketplace-provider-resources/${r.hex}/set_membership_sync_statuses/`;

  it('replaces the stored statuses; unknown people are skipped and echoed back', async () => {
    const body = {
      statuses: [
        {
          scope_type: 'resource',
          role_name: 'PROJECT.ADMIN',
          state: 'synced',
          user_uuid: m.projectAdmin.uuid,
        },
        {
          scope_type: 'resource_project',
          role_name: 'PROJECT.MANAGER',
          state: 'pending',
          username: m.projectManager.username,
        },
        {
          scope_type: 'resource',
          role_name: 'PROJECT.MEMBER',
          state: 'error',
          username: 'ghost',
          message: 'no such user',
        },
      ],
    };
    const res = await s.request<{ stored: number; skipped: string[] }>('POST', path(), {
      token: m.offeringManager.token,
      body,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ stored: 2, skipped: ['ghost'] });
    const again = await s.request('POST', path(), {
      token: m.providerOwner.token,
      body: { statuses: body.statuses.slice(0, 1) },
    });
    expect(again.status).toBe(200);
    const rows = await s.tdb.db
      .selectFrom('resource_member_sync_statuses')
      .selectAll()
      .where('resource_id', '=', r.id)
      .execute();
    expect(rows.map((x) => [x.user_id, x.state])).toEqual([[m.projectAdmin.id, 'synced']]);
  });

  it('404 for consumers and outsiders, 403 for support, 409 when the offering has not opted in, 400 on bad entries', async () => {
    const ok = { statuses: [] };
    expect((await s.request('POST', path(), { token: m.projectAdmin.token, body: ok })).status).toBe(404);
    expect((await s.request('POST', path(), { token: m.outsider.token, body: ok })).status).toBe(404);
    expect((await s.request('POST', path(), { token: m.support.token, body: ok })).status).toBe(403);
    const off = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm');
    const offRes = await makeResource(s.tdb.db, off);
    const closed = await s.request<Problem>(
      'POST',
      `/api/marketplace-provider-resources/${offRes.hex}/set_membership_sync_statuses/`,
      { token: off.providerOwner.token, body: ok },
    );
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('membership_sync.disabled');
    const bad = await s.request<Problem>('POST', path(), {
      token: m.staff.token,
      body: { statuses: [{ scope_type: 'galaxy', role_name: 'x', state: 'synced' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.pointer)).toEqual(['/body/statuses/0/scope_type']);
  });
});

describe('set_offerings_username', () => {
  it('names the person’s accounts across the provider’s offerings; only the organization’s managers may', async () => {
    const m2 = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm', {
      service_provider_can_create_offering_user: true,
    });
    await makeResource(s.tdb.db, m2);
    const sp = await s.tdb.db
      .selectFrom('service_providers')
      .select('uuid')
      .where('customer_id', '=', m2.provider.id)
      .executeTakeFirstOrThrow();
    const url = `/api/marketplace-service-providers/${hexOf(sp.uuid)}/set_offerings_username/`;
    const body = { user_uuid: m2.projectAdmin.uuid, username: 'padmin' };
    expect((await s.request('POST', url, { token: m2.offeringManager.token, body })).status).toBe(403);
    expect((await s.request('POST', url, { token: m2.offeringManager.token, body: {} })).status).toBe(403);
    const res = await s.request<{ updated: number }>('POST', url, { token: m2.customerManager.token, body });
    expect(res.status, res.text).toBe(201);
    expect(res.body.updated).toBe(1);
    const mine = await get<{ username: string; state: string }[]>(
      `/api/marketplace-offering-users/?offering_uuid=${m2.offering.uuid}`,
      m2.projectAdmin.token,
    );
    expect(mine.body).toMatchObject([{ username: 'padmin', state: 'OK' }]);
    const bad = await s.request<Problem>('POST', url, {
      token: m2.staff.token,
      body: { user_uuid: 'x', username: '' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.pointer).sort()).toEqual(['/body/user_uuid', '/body/username']);
  });
});
