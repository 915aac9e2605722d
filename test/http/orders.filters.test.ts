import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import {
  addRolePermission,
  approvedOrder,
  createOrder,
  dashed,
  giveOutsiderAnOrganization,
  hexId,
  type OrderView,
  removeRolePermission,
  resourceOrder,
} from '../support/order-api.js';
import { type Marketplace, makeMarketplace, makeOffering } from '../support/order-factories.js';

let s: TestServer;

beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

describe('OrderFilterTest', () => {
  let f: Marketplace;
  let pc: OrderView;
  let pp: OrderView;
  let done: OrderView;
  let otherOffering: OrderView;
  let otherProject: OrderView;
  const list = (token: string | undefined, query = '') =>
    s.request<OrderView[]>('GET', `/api/marketplace-orders/${query}`, { token });
  const uuids = (r: { body: OrderView[] }) => r.body.map((o) => o.uuid);

  beforeAll(async () => {
    f = await makeMarketplace(s.tdb.db);
    await giveOutsiderAnOrganization(s.tdb.db, f);
    pc = await createOrder(s, f, f.projectAdmin);
    pp = await createOrder(s, f, f.owner);
    done = await approvedOrder(s, f);
    const second = await makeOffering(s.tdb.db, f.provider.id);
    otherOffering = await createOrder(s, { ...f, offering: second }, f.owner);
    const project = await makeProject(s.tdb.db, f.customer.id);
    otherProject = await createOrder(s, { ...f, project }, f.owner);
  });

  it('colleagues, staff, support and the provider side see the orders; others do not', async () => {
    const all = [pc, pp, done, otherOffering, otherProject].map((o) => o.uuid);
    for (const user of [f.staff, f.support]) {
      expect(uuids(await list(user.token, '?page_size=300'))).toEqual(expect.arrayContaining(all));
    }
    for (const user of [f.owner, f.customerManager, f.providerOwner]) {
      expect(uuids(await list(user.token)).sort()).toEqual([...all].sort());
    }
    const projectOrders = [pc, pp, done, otherOffering].map((o) => o.uuid).sort();
    for (const user of [f.projectAdmin, f.projectManager, f.projectMember]) {
      expect(uuids(await list(user.token)).sort()).toEqual(projectOrders);
    }
    const managed = [pc, pp, done, otherProject].map((o) => o.uuid).sort();
    expect(uuids(await list(f.offeringManager.token)).sort()).toEqual(managed);
    expect((await list(f.outsider.token)).body).toEqual([]);
    expect((await list(undefined)).status).toBe(401);
  });

  it('state and type filters are repeatable and drop unknown labels', async () => {
    const q = (query: string) => list(f.owner.token, `?project_uuid=${hexId(f.project.uuid)}&${query}`);
    expect(uuids(await q('state=pending-consumer&state=pending-provider')).sort()).toEqual(
      [pc.uuid, pp.uuid, otherOffering.uuid].sort(),
    );
    expect(uuids(await q('state=bogus&state=done'))).toEqual([done.uuid]);
    const dropped = await q('state=bogus');
    expect(dropped.status).toBe(200);
    expect(dropped.body).toHaveLength(4);
    expect(uuids(await q('type=Create&type=Nope'))).toHaveLength(4);
    expect((await q('type=Terminate')).body).toEqual([]);
  });

  it('offering_uuid (hex or dashed, repeatable) and project_uuid filter', async () => {
    const hex = hexId(otherOffering.offering_uuid);
    expect(uuids(await list(f.owner.token, `?offering_uuid=${hex}`))).toEqual([otherOffering.uuid]);
    expect(uuids(await list(f.owner.token, `?offering_uuid=${dashed(hex).toUpperCase()}`))).toEqual([
      otherOffering.uuid,
    ]);
    const both = await list(f.owner.token, `?offering_uuid=${hex}&offering_uuid=${hexId(f.offering.uuid)}`);
    expect(both.body).toHaveLength(5);
    expect(uuids(await list(f.owner.token, `?project_uuid=${otherProject.project_uuid}`))).toEqual([
      otherProject.uuid,
    ]);
  });

  it('orders oldest first by default and newest first with o=-created', async () => {
    const asc = uuids(await list(f.owner.token));
    expect(asc).toEqual([pc, pp, done, otherOffering, otherProject].map((o) => o.uuid));
    expect(uuids(await list(f.owner.token, '?o=-created'))).toEqual([...asc].reverse());
  });

  it('can_approve_as_consumer lists pending-consumer orders the caller may approve as consumer', async () => {
    const q = '?can_approve_as_consumer=true';
    expect(uuids(await list(f.owner.token, q))).toEqual([pc.uuid]);
    expect(uuids(await list(f.staff.token, `${q}&project_uuid=${hexId(f.project.uuid)}`))).toEqual([pc.uuid]);
    for (const user of [f.projectAdmin, f.projectManager, f.providerOwner, f.offeringManager]) {
      expect((await list(user.token, q)).body).toEqual([]);
    }
  });

  it('can_approve_as_provider lists pending-provider orders the caller may approve as provider', async () => {
    const q = '?can_approve_as_provider=true';
    const pending = [pp, otherOffering, otherProject].map((o) => o.uuid).sort();
    expect(uuids(await list(f.providerOwner.token, q)).sort()).toEqual(pending);
    // The service provider manager approves as provider too (Waldur migration 0033, orders §9.3).
    expect(uuids(await list(f.customerManager.token, q)).sort()).toEqual(pending);
    expect(uuids(await list(f.staff.token, `${q}&provider_uuid=${hexId(f.provider.uuid)}`)).sort()).toEqual(
      pending,
    );
    // The offering manager: the orders of the offering they manage only (seed 000 "Managing orders").
    expect(uuids(await list(f.offeringManager.token, q)).sort()).toEqual(
      [pp, otherProject].map((o) => o.uuid).sort(),
    );
    for (const user of [f.owner, f.projectAdmin]) {
      expect((await list(user.token, q)).body).toEqual([]);
    }
    // Without ORDER.APPROVE (a staff edit of the role), the filter follows the permission.
    await removeRolePermission(s.tdb.db, 'OFFERING.MANAGER', 'ORDER.APPROVE');
    try {
      expect((await list(f.offeringManager.token, q)).body).toEqual([]);
      const r = await s.request('POST', `/api/marketplace-orders/${pp.uuid}/approve_by_provider/`, {
        token: f.offeringManager.token,
        body: {},
      });
      expect(r.status).toBe(403);
    } finally {
      await addRolePermission(s.tdb.db, 'OFFERING.MANAGER', 'ORDER.APPROVE');
    }
  });

  it('HEAD answers the count only; lists carry X-Result-Count and Link with the filters', async () => {
    const head = await s.request('HEAD', '/api/marketplace-orders/?state=pending-provider', {
      token: f.owner.token,
    });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers.get('x-result-count')).toBe('3');
    const page1 = await list(f.owner.token, '?state=pending-provider&page_size=2');
    expect(page1.body).toHaveLength(2);
    expect(page1.headers.get('x-result-count')).toBe('3');
    const link = page1.headers.get('link') ?? '';
    const next = /<([^>]+)>; rel="next"/.exec(link)?.[1] ?? '';
    expect(new URL(next).searchParams.get('page')).toBe('2');
    expect(new URL(next).searchParams.get('state')).toBe('pending-provider');
    const page2 = await s.request<OrderView[]>('GET', new URL(next).pathname + new URL(next).search, {
      token: f.owner.token,
    });
    expect(page2.body).toHaveLength(1);
    expect(page2.headers.get('link')).not.toContain('rel="next"');
  });

  it('service_manager_uuid, customer_uuid, provider_uuid, resource_uuid and query filter', async () => {
    const sorted = (list: OrderView[]) => list.map((o) => o.uuid).sort();
    const managed = sorted([pc, pp, done, otherProject]);
    expect(
      uuids(await list(f.staff.token, `?service_manager_uuid=${f.offeringManager.uuid}`)).sort(),
    ).toEqual(managed);
    const all = sorted([pc, pp, done, otherOffering, otherProject]);
    expect(uuids(await list(f.staff.token, `?customer_uuid=${hexId(f.customer.uuid)}`)).sort()).toEqual(all);
    expect(uuids(await list(f.staff.token, `?provider_uuid=${hexId(f.provider.uuid)}`)).sort()).toEqual(all);
    expect(uuids(await list(f.owner.token, `?resource_uuid=${pc.marketplace_resource_uuid}`))).toEqual([
      pc.uuid,
    ]);
    expect(uuids(await list(f.owner.token, `?query=${pc.uuid}`))).toEqual([pc.uuid]);
    expect(uuids(await list(f.owner.token, `?query=${pc.resource_name.slice(2)}`))).toEqual([pc.uuid]);
  });

  it('the type filter finds a Terminate order and ignores unknown labels next to it', async () => {
    const terminate = await resourceOrder(s.tdb.db, f.owner, done.marketplace_resource_uuid, {
      type: 'Terminate',
    });
    expect(uuids(await list(f.owner.token, '?type=Terminate'))).toEqual([terminate]);
    expect(uuids(await list(f.owner.token, '?type=Terminate&type=Bogus'))).toEqual([terminate]);
    expect(await list(f.owner.token, '?type=Create&type=Terminate')).toMatchObject({ status: 200 });
    expect((await list(f.owner.token, '?type=Create&type=Terminate')).body).toHaveLength(6);
  });
});
