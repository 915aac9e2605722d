import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComponentInput } from '../../src/modules/offerings/adapters/pg/component-repository.js';
import { insertComponents } from '../../src/modules/offerings/adapters/pg/component-repository.js';
import { grant, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { makeOffering } from '../support/offering-factories.js';
import { hex, makeProviderCast, type Problem, pointers, type Row } from '../support/provider-cast.js';

interface Component {
  uuid: string;
  type: string;
  name: string;
  measured_unit: string;
  billing_type: string;
}
type Offering = { components: Component[]; plans: { prices: Record<string, number> }[] };

let s: TestServer;
let staff: TestUser;
let owner: TestUser;
let spManager: TestUser;
let offeringManager: TestUser;
let admin: TestUser;
let ownerQ: TestUser;
let orgId: number;
let project: Row;

const url = (o: Row, action: string) => `/api/marketplace-provider-offerings/${hex(o.uuid)}/${action}/`;
async function freshOffering(state: 'Active' | 'Archived' = 'Active') {
  return makeOffering(s.tdb.db, orgId, {
    state,
    components: [{ type: 'cores', name: 'CPU', billing_type: 'limit', measured_unit: 'H' }],
    plans: [{ name: 'P', prices: { cores: '1' } }],
  });
}
async function addComponent(o: Row, c: ComponentInput): Promise<Row> {
  const [row] = await s.tdb.db.transaction().execute((tx) => insertComponents(tx, o.id, [c]));
  if (!row) throw new Error('no component');
  return row;
}

beforeAll(async () => {
  s = await startTestServer();
  const db = s.tdb.db;
  const cast = await makeProviderCast(db);
  ({ staff, owner, spManager, offeringManager, admin, ownerQ } = cast);
  const { org } = cast;
  orgId = org.id;
  project = cast.project;
});
afterAll(() => s.close());

describe('POST …/create_offering_component/', () => {
  const body = {
    type: 'created_type',
    name: 'created_name',
    measured_unit: 'cpu_k_hours',
    billing_type: 'usage',
  };

  it('owner, service manager and staff add a component: 201 with the offering', async () => {
    for (const u of [owner, spManager, staff]) {
      const o = await freshOffering();
      const r = await s.request<Offering>('POST', url(o, 'create_offering_component'), {
        token: u.token,
        body,
      });
      expect(r.status).toBe(201);
      expect(r.body.components.map((c) => c.type)).toEqual(['cores', 'created_type']);
      expect(r.body.components[1]).toMatchObject({ name: 'created_name', billing_type: 'usage' });
    }
  });

  it('offering manager: 403; consumer and another organization: 404', async () => {
    const o = await freshOffering();
    await grant(s.tdb.db, offeringManager.id, 'OFFERING.MANAGER', { type: 'offering', id: o.id });
    const om = await s.request('POST', url(o, 'create_offering_component'), {
      token: offeringManager.token,
      body,
    });
    expect(om.status).toBe(403);
    for (const u of [admin, ownerQ]) {
      expect(
        (await s.request('POST', url(o, 'create_offering_component'), { token: u.token, body })).status,
      ).toBe(404);
    }
  });

  it('bad input: 400 naming the field; duplicate type: 400; archived offering: 409', async () => {
    const o = await freshOffering();
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'x', billing_type: 'usage' }, '/body/type'],
      [{ ...body, type: 'has space' }, '/body/type'],
      [{ ...body, billing_type: 'sometimes' }, '/body/billing_type'],
      [{ ...body, min_value: 5, max_value: 1 }, '/body/max_value'],
      [{ ...body, type: 'cores' }, '/body/type'],
    ];
    for (const [b, pointer] of cases) {
      const r = await s.request<Problem>('POST', url(o, 'create_offering_component'), {
        token: owner.token,
        body: b,
      });
      expect(r.status).toBe(400);
      expect(pointers(r.body)).toContain(pointer);
    }
    const archived = await freshOffering('Archived');
    const r = await s.request<Problem>('POST', url(archived, 'create_offering_component'), {
      token: owner.token,
      body,
    });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({
      code: 'offering.archived',
      detail: 'It is not possible to update archived offering.',
    });
  });
});

describe('POST …/update_offering_component/', () => {
  it('changes name, unit and billing type (Waldur test_it_should_be_possible_to_update_existing_components)', async () => {
    const o = await freshOffering();
    const c = o.components[0] as Row;
    const r = await s.request<Offering>('POST', url(o, 'update_offering_component'), {
      token: owner.token,
      body: {
        type: 'cores',
        name: 'Cores',
        measured_unit: 'hours',
        billing_type: 'fixed',
        uuid: hex(c.uuid),
      },
    });
    expect(r.status).toBe(200);
    expect(r.body.components).toEqual([
      expect.objectContaining({
        type: 'cores',
        name: 'Cores',
        measured_unit: 'hours',
        billing_type: 'fixed',
      }),
    ]);
  });

  it('unknown uuid: 404; missing uuid: 400; taken type: 400; roles', async () => {
    const o = await freshOffering();
    const c = o.components[0] as Row;
    await addComponent(o, { type: 'gpu', name: 'GPU', billing_type: 'usage' });
    const missing = await s.request<Problem>('POST', url(o, 'update_offering_component'), {
      token: owner.token,
      body: { name: 'x' },
    });
    expect(missing.status).toBe(400);
    expect(pointers(missing.body)).toContain('/body/uuid');
    const other = await freshOffering();
    const foreign = await s.request('POST', url(o, 'update_offering_component'), {
      token: owner.token,
      body: { uuid: (other.components[0] as Row).uuid, name: 'x' },
    });
    expect(foreign.status).toBe(404);
    const taken = await s.request<Problem>('POST', url(o, 'update_offering_component'), {
      token: owner.token,
      body: { uuid: c.uuid, type: 'gpu' },
    });
    expect(taken.status).toBe(400);
    expect(pointers(taken.body)).toEqual(['/body/type']);
    const bounds = await s.request<Problem>('POST', url(o, 'update_offering_component'), {
      token: owner.token,
      body: { uuid: c.uuid, min_value: 3, max_value: 2 },
    });
    expect(bounds.status).toBe(400);
    await grant(s.tdb.db, offeringManager.id, 'OFFERING.MANAGER', { type: 'offering', id: o.id });
    const b = { uuid: c.uuid, name: 'x' };
    expect(
      (
        await s.request('POST', url(o, 'update_offering_component'), {
          token: offeringManager.token,
          body: b,
        })
      ).status,
    ).toBe(403);
    expect(
      (await s.request('POST', url(o, 'update_offering_component'), { token: ownerQ.token, body: b })).status,
    ).toBe(404);
  });
});

describe('POST …/remove_offering_component/', () => {
  it('removes an unused component with its plan prices: 200', async () => {
    const o = await freshOffering();
    const c = o.components[0] as Row;
    const r = await s.request<Offering>('POST', url(o, 'remove_offering_component'), {
      token: spManager.token,
      body: { uuid: hex(c.uuid) },
    });
    expect(r.status).toBe(200);
    expect(r.body.components).toEqual([]);
    expect(r.body.plans[0]?.prices).toEqual({});
  });

  it('refused while a resource has a limit or a usage of it: 409 with the reason', async () => {
    const withLimit = await freshOffering();
    await s.tdb.db
      .insertInto('resources')
      .values({ offering_id: withLimit.id, project_id: project.id, name: 'r', limits: { cores: 2 } })
      .execute();
    const c = withLimit.components[0] as Row;
    const r = await s.request<Problem>('POST', url(withLimit, 'remove_offering_component'), {
      token: owner.token,
      body: { uuid: c.uuid },
    });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({
      code: 'offering.component_in_use',
      detail: 'The component CPU cannot be removed because it is already used',
    });
    const withUsage = await freshOffering();
    await s.tdb.db
      .insertInto('resources')
      .values({
        offering_id: withUsage.id,
        project_id: project.id,
        name: 'r',
        limits: {},
        current_usages: { cores: 1 },
      })
      .execute();
    const u = await s.request('POST', url(withUsage, 'remove_offering_component'), {
      token: owner.token,
      body: { uuid: (withUsage.components[0] as Row).uuid },
    });
    expect(u.status).toBe(409);
  });

  it('a resource without this component does not block; bad uuid: 400; roles', async () => {
    const o = await freshOffering();
    const gpu = await addComponent(o, { type: 'gpu', name: 'GPU', billing_type: 'usage' });
    await s.tdb.db
      .insertInto('resources')
      .values({ offering_id: o.id, project_id: project.id, name: 'r', limits: { cores: 1 } })
      .execute();
    const bad = await s.request<Problem>('POST', url(o, 'remove_offering_component'), {
      token: owner.token,
      body: { uuid: 'nope' },
    });
    expect(bad.status).toBe(400);
    expect(pointers(bad.body)).toEqual(['/body/uuid']);
    await grant(s.tdb.db, offeringManager.id, 'OFFERING.MANAGER', { type: 'offering', id: o.id });
    const b = { uuid: gpu.uuid };
    expect(
      (
        await s.request('POST', url(o, 'remove_offering_component'), {
          token: offeringManager.token,
          body: b,
        })
      ).status,
    ).toBe(403);
    expect(
      (await s.request('POST', url(o, 'remove_offering_component'), { token: admin.token, body: b })).status,
    ).toBe(404);
    const ok = await s.request<Offering>('POST', url(o, 'remove_offering_component'), {
      token: staff.token,
      body: b,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.components.map((c) => c.type)).toEqual(['cores']);
  });
});
