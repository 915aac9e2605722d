import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import {
  act,
  addRolePermission,
  createOrder,
  getOrder,
  hexId,
  type OrderView,
  type ProblemView,
  rowCounts,
} from '../support/order-api.js';
import { WRONG_TYPE_CASES, wrongTypePointer } from '../support/order-create-cases.js';
import { type Marketplace, makeMarketplace, makeOffering, orderBody } from '../support/order-factories.js';

let s: TestServer;
let m: Marketplace;

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db, 'Marketplace.Slurm');
  await addRolePermission(s.tdb.db, 'OFFERING.MANAGER', 'ORDER.APPROVE');
});
afterAll(() => s.close());

const pointers = (p: ProblemView) => (p.errors ?? []).map((e) => e.pointer);
const missing = '0f0f0f0f0f0f4f0f8f0f0f0f0f0f0f0f';

/** Posts an order body and asserts a 400 problem naming `pointer`, with no order or resource written. */
async function refusedCreate(body: unknown, pointer: string, rawBody?: string) {
  const before = await rowCounts(s.tdb.db);
  const r = await s.request<ProblemView>('POST', '/api/marketplace-orders/', {
    token: m.owner.token,
    ...(rawBody === undefined ? { body } : { rawBody, headers: { 'content-type': 'application/json' } }),
  });
  expect(r.status, r.text).toBe(400);
  expect(r.headers.get('content-type')).toContain('application/problem+json');
  expect(r.body.status).toBe(400);
  if (pointer) expect(pointers(r.body), r.text).toContain(pointer);
  const after = await rowCounts(s.tdb.db);
  expect({ orders: after.orders, resources: after.resources }).toEqual({
    orders: before.orders,
    resources: before.resources,
  });
  return r.body;
}

describe('order create: bad references', () => {
  it('an unknown offering is a 400 naming the offering', async () => {
    await refusedCreate(
      orderBody(s.url, m, { offering: `${s.url}/api/marketplace-public-offerings/${missing}/` }),
      '/body/offering',
    );
  });

  it('an unknown project is a 400 naming the project', async () => {
    await refusedCreate(
      orderBody(s.url, m, { project: `${s.url}/api/projects/${missing}/` }),
      '/body/project',
    );
  });

  it('a hyperlink into the wrong collection is a 400 naming the field', async () => {
    await refusedCreate(
      orderBody(s.url, m, { project: `${s.url}/api/customers/${hexId(m.customer.uuid)}/` }),
      '/body/project',
    );
    await refusedCreate(orderBody(s.url, m, { offering: 'not a url' }), '/body/offering');
  });

  it('a plan of another offering, and an unknown plan, are 400 naming the plan', async () => {
    const other = await makeOffering(s.tdb.db, m.provider.id, { type: 'Marketplace.Slurm' });
    const base = `${s.url}/api/marketplace-public-offerings/${hexId(m.offering.uuid)}/plans`;
    await refusedCreate(orderBody(s.url, m, { plan: `${base}/${hexId(other.plan.uuid)}/` }), '/body/plan');
    await refusedCreate(orderBody(s.url, m, { plan: `${base}/${missing}/` }), '/body/plan');
  });

  it('negative, unknown and out-of-range limits are 400 naming /body/limits/<type>', async () => {
    await refusedCreate(orderBody(s.url, m, { limits: { cpu: -5 } }), '/body/limits/cpu');
    await refusedCreate(orderBody(s.url, m, { limits: { ram: 1 } }), '/body/limits/ram');
    await refusedCreate(orderBody(s.url, m, { limits: { cpu: 1001 } }), '/body/limits/cpu');
  });

  it('attributes over 64 KiB are a 400 naming the attributes', async () => {
    const big = 'x'.repeat(65 * 1024);
    await refusedCreate(orderBody(s.url, m, { attributes: { name: 'big', blob: big } }), '/body/attributes');
  });
});

describe('order create: wrong types for each body field', () => {
  for (const [field, value] of WRONG_TYPE_CASES) {
    it(`${field} = ${JSON.stringify(value)} is a 400 problem naming ${field}`, async () => {
      const body = orderBody(s.url, m, { [field]: value });
      await refusedCreate(body, wrongTypePointer(field, value));
    });
  }

  it('a missing project or offering is a 400 naming it', async () => {
    const { project: _p, ...noProject } = orderBody(s.url, m);
    await refusedCreate(noProject, '/body/project');
    const { offering: _o, ...noOffering } = orderBody(s.url, m);
    await refusedCreate(noOffering, '/body/offering');
  });

  it('a body that is not JSON, or not an object, is a 400', async () => {
    await refusedCreate(undefined, '', '{"project": ');
    await refusedCreate([orderBody(s.url, m)], '');
  });
});

describe('order actions: bad path, query and body input', () => {
  let o: OrderView;

  beforeAll(async () => {
    o = await createOrder(s, m, m.owner);
  });

  it('a malformed uuid in the path is a 400 naming the parameter', async () => {
    for (const [method, path] of [
      ['GET', '/api/marketplace-orders/not-a-uuid/'],
      ['POST', '/api/marketplace-orders/1234/approve_by_provider/'],
      ['DELETE', '/api/marketplace-orders/zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/'],
      ['GET', '/api/marketplace-orders/xyz/attempts/'],
    ] as const) {
      const r = await s.request<ProblemView>(method, path, {
        token: m.staff.token,
        body: method === 'POST' ? {} : undefined,
      });
      expect(r.status, `${method} ${path}: ${r.text}`).toBe(400);
      expect(pointers(r.body)).toEqual(['/params/uuid']);
    }
  });

  it('a well-formed unknown uuid is a 404; dashed and upper-case forms find the order', async () => {
    expect(
      (await s.request('GET', `/api/marketplace-orders/${missing}/`, { token: m.staff.token })).status,
    ).toBe(404);
    const d = `${o.uuid.slice(0, 8)}-${o.uuid.slice(8, 12)}-${o.uuid.slice(12, 16)}-${o.uuid.slice(16, 20)}-${o.uuid.slice(20)}`;
    expect(
      (await s.request('GET', `/api/marketplace-orders/${d.toUpperCase()}/`, { token: m.owner.token }))
        .status,
    ).toBe(200);
  });

  it('an unknown label in a state or type filter is dropped (200); a malformed uuid filter is a 400 naming it', async () => {
    const r = await s.request<OrderView[]>('GET', '/api/marketplace-orders/?state=finished&type=Destroy', {
      token: m.owner.token,
    });
    expect(r.status).toBe(200);
    expect(r.body.map((x) => x.uuid)).toContain(o.uuid);
    for (const q of [
      'offering_uuid=abc',
      'project_uuid=12',
      'page_size=lots',
      'can_approve_as_provider=maybe',
    ]) {
      const bad = await s.request<ProblemView>('GET', `/api/marketplace-orders/?${q}`, {
        token: m.owner.token,
      });
      expect(bad.status, `${q}: ${bad.text}`).toBe(400);
      expect(pointers(bad.body)).toEqual([`/query/${q.split('=')[0]}`]);
    }
  });

  it('wrong body types on actions are a 400 naming the field, and the order does not change', async () => {
    const cases: [string, unknown, string][] = [
      ['approve_by_provider', { attributes: 'x' }, '/body/attributes'],
      ['reject_by_provider', { provider_rejection_comment: 5 }, '/body/provider_rejection_comment'],
      ['set_state_erred', { error_message: ['a'], error_traceback: '' }, '/body/error_message'],
      ['set_state_erred', { error_message: 'a', error_traceback: 1 }, '/body/error_traceback'],
      ['set_backend_id', {}, '/body/backend_id'],
      ['set_backend_id', { backend_id: 9 }, '/body/backend_id'],
    ];
    const before = await rowCounts(s.tdb.db);
    for (const [action, body, pointer] of cases) {
      const r = await act<ProblemView>(s, o.uuid, action, m.providerOwner, body);
      expect(r.status, `${action}: ${r.text}`).toBe(400);
      expect(pointers(r.body)).toContain(pointer);
    }
    expect((await getOrder(s, o.uuid, m.staff)).state).toBe('pending-provider');
    expect(await rowCounts(s.tdb.db)).toEqual(before);
  });

  it('the body is checked last (§6): 401, 404, 403 and 409 come before a 400 for a bad body', async () => {
    const bad = { error_message: 5, error_traceback: [] };
    expect((await act(s, o.uuid, 'set_state_erred', undefined, bad)).status).toBe(401);
    const outsider = await s.request('POST', `/api/marketplace-orders/${o.uuid}/set_state_erred/`, {
      token: m.outsider.token,
      body: bad,
    });
    expect(outsider.status).toBe(404);
    expect((await act(s, o.uuid, 'set_state_erred', m.owner, bad)).status).toBe(403);
    const pc = await createOrder(s, m, m.projectAdmin);
    expect(
      (await act(s, pc.uuid, 'reject_by_provider', m.providerOwner, { provider_rejection_comment: 1 }))
        .status,
    ).toBe(409);
    const patch = await s.request('PATCH', `/api/marketplace-orders/${o.uuid}/`, {
      token: m.owner.token,
      body: { limits: { cpu: -1 } },
    });
    expect(patch.status).toBe(409);
  });

  it('PATCH with a negative limit is a 400 naming it', async () => {
    const pc = await createOrder(s, m, m.projectAdmin);
    const r = await s.request<ProblemView>('PATCH', `/api/marketplace-orders/${pc.uuid}/`, {
      token: m.owner.token,
      body: { limits: { cpu: -1 } },
    });
    expect(r.status, r.text).toBe(400);
    expect(pointers(r.body)).toContain('/body/limits/cpu');
    expect((await getOrder(s, pc.uuid, m.owner)).limits).toEqual({ cpu: 2 });
  });
});
