import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { makeOrder, makeResource, resourceRow, type TestResource } from '../support/resource-factories.js';

type Ability = { allowed: boolean; reason?: string };
type Path = { path: string; label: string; applies: boolean; waldur_ui: string; ability: string };
type Resource = {
  state: string;
  abilities: Record<string, Ability>;
  order_in_progress: { type: string; state: string; abilities: Record<string, Ability> } | null;
  guidance: { title: string; summary: string; offering_family: string; paths: Path[] } | null;
};

// Seed 001, "Cancellation paths by offering type", row by row, with the type each family stands for.
const SEED_TABLE = [
  ['Basic', 'Marketplace.Basic', 'Yes', '—', 'Yes', 'API only'],
  ['Support', 'Support.OfferingTemplate', 'Yes', '—', 'Yes', 'API only'],
  ['Remote', 'Waldur.RemoteOffering', '—', 'Yes (staff)', 'Yes', 'API only'],
  ['OpenStack', 'OpenStack.Tenant', '—', '—', 'Yes', 'API only'],
  ['SLURM', 'Marketplace.Slurm', '—', '—', 'Yes', 'API only'],
  ['Rancher', 'Marketplace.Rancher', '—', '—', 'Yes', 'API only'],
  ['Script', 'Marketplace.Script', '—', '—', 'Yes', 'API only'],
] as const;

type Role = 'staff' | 'providerOwner' | 'consumerOwner';

/**
 * Each column, where the API shows it and who it is for. A column's cell says whether the offering
 * type has the path at all; the API then grants it exactly to the roles the column names: "Cancel
 * order (consumer)" to consumer approvers (and staff), "Cancel termination (staff)" to staff and —
 * Orderly's own, §17 f — whoever holds ORDER.APPROVE on the provider, "Set as erred (provider)" and
 * "Set state OK" (an API call, §8) to the provider side and staff.
 */
const COLUMNS = [
  {
    cell: 2,
    read: (r: Resource) => r.order_in_progress?.abilities.cancel,
    roles: ['staff', 'consumerOwner'],
  },
  {
    cell: 3,
    read: (r: Resource) => r.order_in_progress?.abilities.cancel_termination,
    roles: ['staff', 'providerOwner'],
  },
  { cell: 4, read: (r: Resource) => r.abilities.set_as_erred, roles: ['staff', 'providerOwner'] },
  { cell: 5, read: (r: Resource) => r.abilities.set_state_ok, roles: ['staff', 'providerOwner'] },
] as const;

const PATH_OF_CELL: Record<number, string> = {
  2: 'cancel_order',
  3: 'cancel_termination',
  4: 'set_as_erred',
  5: 'set_state_ok',
};

let s: TestServer;
const stuck = new Map<string, { m: Marketplace; r: TestResource }>();

beforeAll(async () => {
  s = await startTestServer();
  for (const [family, type] of SEED_TABLE) {
    const m = await makeMarketplace(s.tdb.db, type);
    // "A backend never confirms a termination": the Terminate order stays EXECUTING (§8.1).
    const r = await makeResource(s.tdb.db, m, { state: 'Terminating', backendId: `be-${family}` });
    await makeOrder(s.tdb.db, m, r, { type: 'Terminate', state: 'executing' });
    stuck.set(family, { m, r });
  }
});
afterAll(() => s.close());

async function asRole(family: string, role: Role): Promise<Resource> {
  const { m, r } = stuck.get(family)!;
  const who: Record<Role, [TestUser, string]> = {
    staff: [m.staff, 'marketplace-resources'],
    providerOwner: [m.providerOwner, 'marketplace-provider-resources'],
    consumerOwner: [m.owner, 'marketplace-resources'],
  };
  const [user, collection] = who[role];
  const res = await s.request<Resource>('GET', `/api/${collection}/${r.hex}/`, { token: user.token });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

describe('a resource stuck in Terminating, for each offering type of seed 001', () => {
  it.each(SEED_TABLE)(
    '%s: the abilities of staff, provider owner and consumer owner match the table',
    async (family, ...row) => {
      const cells = [family, ...row];
      for (const role of ['staff', 'providerOwner', 'consumerOwner'] as const) {
        const body = await asRole(family, role);
        expect(body.state).toBe('Terminating');
        expect(body.order_in_progress).toMatchObject({ type: 'Terminate', state: 'executing' });
        for (const col of COLUMNS) {
          const offered = cells[col.cell] !== '—';
          const expected = offered && (col.roles as readonly Role[]).includes(role);
          expect(col.read(body)?.allowed, `${family} / ${role} / column ${col.cell}`).toBe(expected);
        }
      }
    },
  );

  it.each(SEED_TABLE)(
    '%s: the guidance lists the recovery paths the table gives the type',
    async (family, ...row) => {
      const cells = [family, ...row];
      const body = await asRole(family, 'consumerOwner');
      expect(body.guidance).not.toBeNull();
      expect(body.guidance!.offering_family).toBe(family);
      expect(body.guidance!.summary).toBe(
        'If a backend never confirms a termination (provider system unreachable, site agent offline, processor crash), the marketplace resource can remain in the Terminating state indefinitely.',
      );
      for (const [cell, path] of Object.entries(PATH_OF_CELL)) {
        const p = body.guidance!.paths.find((x) => x.path === path)!;
        expect(p.waldur_ui, `${family} ${path}`).toBe(cells[Number(cell)]);
        expect(p.applies).toBe(cells[Number(cell)] !== '—');
      }
      const force = body.guidance!.paths.find((x) => x.path === 'force_destroy')!;
      expect(force).toMatchObject({
        applies: true,
        waldur_ui: 'API only',
        ability: 'abilities.force_destroy',
      });
    },
  );

  it('explains why a path is closed: the order type (405) or the missing permission (403)', async () => {
    const openstack = await asRole('OpenStack', 'consumerOwner');
    expect(openstack.order_in_progress?.abilities.cancel?.reason).toBe('order.unsupported_offering_type');
    expect(openstack.abilities.set_as_erred?.reason).toBe('permission_denied');
    const basic = await asRole('Basic', 'providerOwner');
    expect(basic.order_in_progress?.abilities.cancel?.reason).toBe('permission_denied');
  });

  it('has no guidance once the resource leaves Terminating: the provider sets it as erred', async () => {
    const { m, r } = stuck.get('Rancher')!;
    const res = await s.request('POST', `/api/marketplace-provider-resources/${r.hex}/set_as_erred/`, {
      token: m.providerOwner.token,
      body: { error_message: 'Backend never confirmed.', reason: 'stuck for a week' },
    });
    expect(res.status, res.text).toBe(200);
    const after = await asRole('Rancher', 'providerOwner');
    expect(after).toMatchObject({ state: 'Erred', guidance: null });
  });

  it('the consumer cancels the stuck Basic terminate order and the resource is OK again', async () => {
    const { m, r } = stuck.get('Basic')!;
    const body = await asRole('Basic', 'consumerOwner');
    const uuid = (body.order_in_progress as unknown as { uuid: string }).uuid;
    const res = await s.request('POST', `/api/marketplace-orders/${uuid}/cancel/`, { token: m.owner.token });
    expect(res.status, res.text).toBe(202);
    expect((await resourceRow(s.tdb.db, r.id)).state).toBe(2);
  });

  it('the provider sets a stuck SLURM resource OK through the consumer path (§8 note)', async () => {
    const { m, r } = stuck.get('SLURM')!;
    const denied = await s.request('POST', `/api/marketplace-resources/${r.hex}/set_state_ok/`, {
      token: m.owner.token,
    });
    expect(denied.status).toBe(403);
    const res = await s.request<{ status: string }>(
      'POST',
      `/api/marketplace-resources/${r.hex}/set_state_ok/`,
      {
        token: m.staff.token,
      },
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body.status).toBeTruthy();
    expect((await resourceRow(s.tdb.db, r.id)).state).toBe(2);
  });
});
