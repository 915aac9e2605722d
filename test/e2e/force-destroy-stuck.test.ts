import { afterAll, beforeAll, describe, it } from 'vitest';
import { ORDER_STATE_CODES } from '../../src/modules/orders/domain/order-state.js';
import { ORDER_TYPE_CODES } from '../../src/modules/orders/domain/order-type.js';
import { RESOURCE_STATE_CODES } from '../../src/modules/resources/domain/resource-state.js';
import { type E2E, startE2E } from './support/harness.js';

// Seed 001 "Recovering a resource stuck in Terminating": for each offering type of its "Cancellation
// paths by offering type" table, staff force-destroy the stuck resource from its page in one
// guided dialog; the resource ends Terminated and the page says which cleanup was skipped.
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  const db = e2e.tdb.db;
  const basic = await db
    .selectFrom('offerings')
    .select(['customer_id', 'category_id'])
    .where('name', '=', 'Managed Research Storage')
    .executeTakeFirstOrThrow();
  const remote = await db
    .insertInto('offerings')
    .values({
      ...basic,
      name: REMOTE,
      slug: 'partner-cloud-e2e',
      type: 'Waldur.RemoteOffering',
      state: 2,
      secret_options: { api_url: 'https://partner.invalid/api/', token: 'not-a-token' },
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('plans')
    .values({ offering_id: remote.id, name: 'Pay as you go', unit_price: '0' })
    .execute();
}, 300_000);
afterAll(async () => {
  await e2e?.close();
});

/** A Remote offering of Nordic Compute (the demo has none: it would need a real remote Waldur). */
const REMOTE = 'Partner Cloud (e2e)';

/** Seed 001's rows, with the demo offering of each type. */
const TYPES = [
  ['Basic', 'Managed Research Storage'],
  ['Support', 'Expert Support'],
  ['Remote', REMOTE],
  ['OpenStack', 'OpenStack Project'],
  ['SLURM', 'Nordic HPC Cluster'],
  ['Rancher', 'Kubernetes Cluster'],
  ['Script', 'Scripted Virtual Machine'],
] as const;

/**
 * A resource of the demo offering whose Terminate order the backend never confirmed: Terminating,
 * the order Executing ("site agent offline, provider system unreachable, processor crash").
 */
async function stuckResource(offeringName: string, name: string): Promise<string> {
  const db = e2e.tdb.db;
  const offering = await db
    .selectFrom('offerings as f')
    .innerJoin('plans as p', 'p.offering_id', 'f.id')
    .select(['f.id', 'p.id as plan_id'])
    .where('f.name', '=', offeringName)
    .executeTakeFirstOrThrow();
  const project = await db
    .selectFrom('projects')
    .select('id')
    .where('name', '=', 'Genomics')
    .executeTakeFirstOrThrow();
  const alice = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'alice')
    .executeTakeFirstOrThrow();
  const r = await db
    .insertInto('resources')
    .values({
      offering_id: offering.id,
      project_id: project.id,
      plan_id: offering.plan_id,
      name,
      slug: name,
      state: RESOURCE_STATE_CODES.Terminating,
      backend_id: `be-${name}`,
      attributes: { name },
      limits: {},
    })
    .returning(['id', 'uuid'])
    .executeTakeFirstOrThrow();
  for (const [type, state] of [
    ['Create', 'done'],
    ['Terminate', 'executing'],
  ] as const) {
    await db
      .insertInto('orders')
      .values({
        resource_id: r.id,
        offering_id: offering.id,
        project_id: project.id,
        plan_id: offering.plan_id,
        type: ORDER_TYPE_CODES[type],
        state: ORDER_STATE_CODES[state],
        attributes: { name },
        limits: {},
        created_by: alice.id,
      })
      .execute();
  }
  return r.uuid.replace(/-/g, '');
}

describe('staff force-destroy a resource stuck in Terminating', { timeout: 300_000 }, () => {
  it('for each offering type of seed 001, in one guided dialog', async () => {
    const w = await e2e.page();
    await w.signIn('Sam Staff');
    for (const [family, offering] of TYPES) {
      const name = `stuck-${family.toLowerCase()}`;
      const uuid = await stuckResource(offering, name);
      await w.goto(`/resources/${uuid}?view=provider`);
      await w.headingState('Terminating');
      const guidance = w.page.getByRole('region', { name: 'Recovering a resource stuck in Terminating' });
      await guidance.getByRole('button', { name: 'Force destroy' }).click();

      const dialog = w.dialog();
      const steps = dialog.getByRole('list', { name: 'What force destroy does' });
      await steps
        .getByText(/The Terminate order in progress \(Executing, created .+\) is failed with your reason/)
        .waitFor();
      await steps.getByText(/does not wait for anyone's approval/).waitFor();
      await dialog.getByText(/force_destroy bypasses backend cleanup/).waitFor();
      await dialog.getByLabel(/Reason/).fill(`${family}: backend confirmed gone by hand.`);
      await dialog.getByLabel(new RegExp(`Type ${name} to confirm`)).fill(name);
      if (family === 'SLURM') await w.screenshot('resource-force-destroy-dialog');
      await dialog.getByRole('button', { name: 'Force destroy' }).click();
      await w.toast('Force destroy has been submitted.');

      await w.headingState('Terminated');
      await w.page
        .getByRole('note', { name: 'Force destroy note' })
        .getByText(/^Force destroy: provider-side cleanup was skipped/)
        .waitFor();
      const orders = w.page.getByRole('region', { name: 'Orders of this resource' });
      // The stuck order was failed first; the force destroy order is the newest row.
      await orders
        .getByRole('row', { name: /Terminate order\s+Erred/ })
        .first()
        .waitFor();
      await orders.getByRole('row', { name: /Terminate order\s+force destroy/ }).waitFor();
      if (family === 'SLURM') await w.screenshot('resource-force-destroyed');
    }
    await w.expectCleanAndClose();
  });
});
