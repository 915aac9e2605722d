import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace, makeOffering } from '../support/order-factories.js';
import { hexOf, makeOrder, makeResource, type TestResource } from '../support/resource-factories.js';

type Order = {
  uuid: string;
  type: string;
  state: string;
  error_message: string;
  abilities: Record<string, unknown>;
};
type Resource = Record<string, unknown> & {
  uuid: string;
  name: string;
  state: string;
  order_in_progress: Order | null;
  creation_order: Order | null;
  abilities: Record<string, { allowed: boolean }>;
};

let s: TestServer;
let m: Marketplace;
let mB: Marketplace;
const r: Record<string, TestResource> = {};
const R = '/api/marketplace-resources/';
const P = '/api/marketplace-provider-resources/';
const list = (path: string, token: string, query = '') =>
  s.request<Resource[]>('GET', `${path}${query}`, { token });
const names = (rows: Resource[]) => rows.map((x) => x.name).sort();

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db);
  // A second offering of the same provider, ordered into the same project.
  mB = { ...m, offering: await makeOffering(s.tdb.db, m.provider.id) };
  r.alpha = await makeResource(s.tdb.db, m, { name: 'alpha', backendId: 'ALLOC-1' });
  r.beta = await makeResource(s.tdb.db, m, {
    name: 'beta',
    state: 'Erred',
    errorMessage: 'boom',
    errorTraceback: 'tb',
  });
  r.gamma = await makeResource(s.tdb.db, mB, { name: 'gamma', state: 'Terminated', backendId: 'alloc-3' });
  r.delta = await makeResource(s.tdb.db, m, {
    name: 'delta',
    state: 'Creating',
    creation: 'pending-consumer',
  });
  r.epsilon = await makeResource(s.tdb.db, mB, { name: 'alpha-two', state: 'Updating' });
  await makeOrder(s.tdb.db, mB, r.epsilon, { type: 'Update', state: 'pending-provider' });
});
afterAll(() => s.close());

describe('ResourceGetTest (§15)', () => {
  it('exposes creation_order and a null order_in_progress for a provisioned resource', async () => {
    const res = await s.request<Resource>('GET', `${R}${r.alpha!.hex}/`, { token: m.owner.token });
    expect(res.status).toBe(200);
    expect(res.body.order_in_progress).toBeNull();
    expect(res.body.creation_order).toMatchObject({ type: 'Create', state: 'done' });
    expect(res.body.creation_order!.abilities).toBeTypeOf('object');
  });

  it('exposes the pending order as order_in_progress', async () => {
    const res = await s.request<Resource>('GET', `${R}${r.epsilon!.hex}/`, { token: m.owner.token });
    expect(res.body.order_in_progress).toMatchObject({ type: 'Update', state: 'pending-provider' });
  });

  it('exposes an erred creation order', async () => {
    const other = await makeMarketplace(s.tdb.db);
    const failed = await makeResource(s.tdb.db, other, { state: 'Erred', creation: 'erred' });
    const res = await s.request<Resource>('GET', `${R}${failed.hex}/`, { token: other.owner.token });
    expect(res.body.creation_order).toMatchObject({
      type: 'Create',
      state: 'erred',
      error_message: 'Backend failed.',
    });
  });

  it('has every field of the Resource model with the types clients parse strictly (api-contract §0.4, §5)', async () => {
    const { body } = await s.request<Resource>('GET', `${P}${r.alpha!.hex}/`, {
      token: m.providerOwner.token,
    });
    for (const k of [
      'uuid',
      'offering_uuid',
      'project_uuid',
      'customer_uuid',
      'provider_uuid',
      'plan_uuid',
    ]) {
      expect(body[k], k).toMatch(/^[0-9a-f]{32}$/);
    }
    for (const k of [
      'attributes',
      'limits',
      'options',
      'backend_metadata',
      'current_usages',
      'offering_plugin_options',
    ]) {
      expect(body[k], k).toBeTypeOf('object');
    }
    expect(body.endpoints).toEqual([]);
    expect(body).toMatchObject({
      url: `${s.url}${P}${r.alpha!.hex}/`,
      offering: `${s.url}/api/marketplace-public-offerings/${hexOf(m.offering.uuid)}/`,
      project: `${s.url}/api/projects/${hexOf(m.project.uuid)}/`,
      state: 'OK',
      backend_id: 'ALLOC-1',
      slug: 'alpha',
      offering_type: 'Marketplace.Basic',
      // RESOURCE.TERMINATE on offering.customer: the provider owner may terminate too (§8).
      can_terminate: true,
      restrict_member_access: false,
      paused: false,
      downscaled: false,
      end_date: null,
      // Set on creation, never null (Waldur's default; the agent refreshes it).
      last_sync: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/),
      guidance: null,
    });
    expect(new Date(body.created as string).toISOString()).toBe(body.created);
    for (const k of [
      'effective_id',
      'name',
      'project_name',
      'project_slug',
      'customer_name',
      'customer_slug',
      'provider_name',
      'offering_name',
    ]) {
      expect(body[k], k).toBeTypeOf('string');
    }
    expect(body.abilities.set_as_erred).toEqual({ allowed: true, warning: expect.any(String) });
  });

  it('shows can_terminate to the consumer and the traceback only to staff and support', async () => {
    const mine = await s.request<Resource>('GET', `${R}${r.beta!.hex}/`, { token: m.owner.token });
    expect(mine.body).toMatchObject({ can_terminate: true, error_message: 'boom', error_traceback: '' });
    for (const who of [m.staff, m.support]) {
      const res = await s.request<Resource>('GET', `${R}${r.beta!.hex}/`, { token: who.token });
      expect(res.body.error_traceback).toBe('tb');
    }
  });
});

describe('visibility of the two views (api-contract §5)', () => {
  it('the consumer view holds the project’s resources for its members only', async () => {
    expect((await list(R, m.owner.token)).body).toHaveLength(5);
    expect((await list(R, m.projectAdmin.token)).body).toHaveLength(5);
    expect((await list(R, m.outsider.token)).body).toEqual([]);
    expect((await list(R, m.providerOwner.token)).body).toEqual([]);
    expect((await s.request('GET', `${R}${r.alpha!.hex}/`, { token: m.outsider.token })).status).toBe(404);
    expect((await s.request('GET', R)).status).toBe(401);
  });

  it('the provider view holds the offerings’ resources for the provider organization and offering managers', async () => {
    expect((await list(P, m.providerOwner.token)).body).toHaveLength(5);
    expect((await list(P, m.customerManager.token)).body).toHaveLength(5);
    expect(names((await list(P, m.offeringManager.token)).body)).toEqual(['alpha', 'beta', 'delta']);
    expect((await list(P, m.owner.token)).body).toEqual([]);
    expect((await list(P, m.staff.token)).body.length).toBeGreaterThanOrEqual(5);
  });
});

describe('list filters, ordering and pagination (api-contract §0.5, §5)', () => {
  const t = () => m.owner.token;

  it('filters by repeated state labels, dropping unknown ones', async () => {
    expect(names((await list(R, t(), '?state=OK&state=Erred&state=Bogus')).body)).toEqual(['alpha', 'beta']);
    expect((await list(R, t(), '?state=Bogus')).body).toHaveLength(5);
  });

  it('filters by repeated offering_uuid (dashed or hex), project, customer and provider', async () => {
    expect(names((await list(R, t(), `?offering_uuid=${mB.offering.uuid}`)).body)).toEqual([
      'alpha-two',
      'gamma',
    ]);
    const both = `?offering_uuid=${hexOf(m.offering.uuid)}&offering_uuid=${mB.offering.uuid}`;
    expect((await list(R, t(), both)).body).toHaveLength(5);
    expect((await list(R, t(), `?project_uuid=${m.project.uuid}`)).body).toHaveLength(5);
    expect((await list(R, t(), `?customer_uuid=${hexOf(m.customer.uuid)}`)).body).toHaveLength(5);
    expect((await list(R, t(), `?provider_uuid=${m.customer.uuid}`)).body).toEqual([]);
    expect((await list(R, t(), `?provider_uuid=${m.provider.uuid}`)).body).toHaveLength(5);
    expect((await list(R, t(), '?offering_uuid=nope')).status).toBe(400);
  });

  it('filters by backend_id, name, name_exact and query', async () => {
    expect(names((await list(R, t(), '?backend_id=ALLOC-1')).body)).toEqual(['alpha']);
    expect(names((await list(R, t(), '?name=ALPHA')).body)).toEqual(['alpha', 'alpha-two']);
    expect(names((await list(R, t(), '?name_exact=alpha')).body)).toEqual(['alpha']);
    expect(names((await list(R, t(), '?query=lph')).body)).toEqual(['alpha', 'alpha-two']);
    expect(names((await list(R, t(), '?query=alloc-1')).body)).toEqual(['alpha']);
    expect(names((await list(R, t(), `?query=${r.gamma!.uuid}`)).body)).toEqual(['gamma']);
  });

  it('filters by order_state and hides resources not yet for providers (visible_to_providers)', async () => {
    expect(names((await list(R, t(), '?order_state=pending-provider')).body)).toEqual(['alpha-two']);
    expect(names((await list(R, t(), '?order_state=pending-consumer&order_state=nope')).body)).toEqual([
      'delta',
    ]);
    const visible = names((await list(P, m.providerOwner.token, '?visible_to_providers=true')).body);
    expect(visible).toEqual(['alpha', 'alpha-two', 'beta', 'gamma']);
  });

  it('orders with o= (ascending, descending, joined columns); unknown keys are 400', async () => {
    const byName = (await list(R, t(), '?o=name')).body.map((x) => x.name);
    expect(byName).toEqual(['alpha', 'alpha-two', 'beta', 'delta', 'gamma']);
    expect((await list(R, t(), '?o=-name')).body.map((x) => x.name)).toEqual([...byName].reverse());
    const byOffering = (await list(R, t(), `?o=offering_name&o=name`)).body.map((x) => x.offering_uuid);
    // Grouped by offering: the offering changes exactly once along the list.
    expect(byOffering.filter((u, i) => i > 0 && u !== byOffering[i - 1])).toHaveLength(1);
    expect((await list(R, t(), '?o=state')).body[0]!.state).toBe('Creating');
    expect((await list(R, t(), '?o=bogus')).status).toBe(400);
  });

  it('paginates with X-Result-Count and Link, and answers HEAD with the count', async () => {
    const first = await list(R, t(), '?page_size=2&o=name');
    expect(first.body.map((x) => x.name)).toEqual(['alpha', 'alpha-two']);
    expect(first.headers.get('x-result-count')).toBe('5');
    expect(first.headers.get('link')).toContain('page=2');
    const third = await list(R, t(), '?page_size=2&page=3&o=name');
    expect(third.body.map((x) => x.name)).toEqual(['gamma']);
    expect(third.headers.get('link')).not.toContain('rel="next"');
    const head = await s.request('HEAD', `${R}?state=OK`, { token: t() });
    expect(head.status).toBe(200);
    expect(head.headers.get('x-result-count')).toBe('1');
  });

  it('honours field= and returns abilities only when asked', async () => {
    const sparse = await list(R, t(), '?field=uuid&field=state&o=name');
    expect(Object.keys(sparse.body[0]!).sort()).toEqual(['state', 'uuid']);
    const withAbilities = await s.request<Resource>('GET', `${R}${r.alpha!.hex}/?field=abilities`, {
      token: t(),
    });
    expect(Object.keys(withAbilities.body)).toEqual(['abilities']);
    expect(withAbilities.body.abilities.terminate).toEqual({ allowed: true });
  });
});

describe('GET /api/marketplace-orders/{uuid}/resource/', () => {
  it("returns the order's resource to whoever sees the order", async () => {
    const o = await s.tdb.db
      .selectFrom('orders')
      .select('uuid')
      .where('resource_id', '=', r.alpha!.id)
      .executeTakeFirstOrThrow();
    for (const who of [m.owner, m.providerOwner]) {
      const res = await s.request<Resource>('GET', `/api/marketplace-orders/${hexOf(o.uuid)}/resource/`, {
        token: who.token,
      });
      expect(res.status, res.text).toBe(200);
      expect(res.body).toMatchObject({ uuid: r.alpha!.hex, name: 'alpha' });
    }
    const hidden = await s.request('GET', `/api/marketplace-orders/${o.uuid}/resource/`, {
      token: m.outsider.token,
    });
    expect(hidden.status).toBe(404);
  });
});
