import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driftJobs } from '../../src/modules/drift/adapters/jobs/drift-jobs.js';
import { inTransaction } from '../../src/platform/db/database.js';
import { type E2E, startE2E } from './support/harness.js';

// "Needs attention" (issue 16, item 3): a provider sees the resources the drift scan flagged, with
// the rule and the repair target, and repairs one with a reason; a consumer has no such page.
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  // Test set-up only: the demo's done storage resource is put back in Updating with a done Update
  // order, the situation of the rule "Order done, resource still in progress".
  const db = e2e.tdb.db;
  await sql`UPDATE resources SET state = 4 WHERE name = 'genomics-scratch'`.execute(db);
  await sql`INSERT INTO orders (resource_id, offering_id, project_id, plan_id, type, state, attributes, limits, created_by)
    SELECT r.id, r.offering_id, r.project_id, r.plan_id, 2, 3, '{}'::jsonb, r.limits, o.created_by
    FROM resources r JOIN orders o ON o.resource_id = r.id WHERE r.name = 'genomics-scratch' LIMIT 1`.execute(
    db,
  );
  const [job] = driftJobs(60_000);
  expect(await inTransaction(db, (tx) => job!.run(tx, new Date()))).toBeGreaterThanOrEqual(1);
}, 300_000);
afterAll(async () => {
  await e2e?.close();
});

describe('Needs attention in the browser', { timeout: 120_000 }, () => {
  it('a provider repairs a drifted resource with a reason', async () => {
    const w = await e2e.page();
    await w.signIn('Paula Provider');
    await w.nav('Needs attention');
    await w.page.getByRole('heading', { name: 'Needs attention', level: 1 }).waitFor();
    const row = w.page.getByRole('row', { name: /genomics-scratch/ });
    await row.getByText('Order done, resource still in progress').waitFor();
    await w.screenshot('needs-attention');
    await row.getByRole('button', { name: 'Repair genomics-scratch' }).click();
    const dialog = w.dialog();
    await dialog.getByText(/from Updating to OK/).waitFor();
    expect(await dialog.getByRole('button', { name: 'Repair' }).isDisabled()).toBe(true);
    await dialog.getByLabel(/Reason/).fill('Update finished on the backend on Monday');
    await dialog.getByRole('button', { name: 'Repair' }).click();
    await w.toast('genomics-scratch repaired: OK.');
    await w.page.getByText('Nothing needs attention').waitFor();
    const t = await e2e.tdb.db
      .selectFrom('resource_transitions as t')
      .innerJoin('resources as r', 'r.id', 't.resource_id')
      .select(['t.action', 't.reason', 'r.state'])
      .where('r.name', '=', 'genomics-scratch')
      .orderBy('t.id', 'desc')
      .executeTakeFirstOrThrow();
    expect(t).toEqual({
      action: 'repair_drift',
      reason: 'Update finished on the backend on Monday',
      state: 2,
    });
    await w.expectCleanAndClose();
  });

  it('a provider owner sets the approval SLA of the organization', async () => {
    const w = await e2e.page();
    await w.signIn('Paula Provider');
    await w.nav('Needs attention');
    await w.page.getByRole('link', { name: 'Approval SLA settings' }).click();
    await w.page.getByRole('heading', { name: 'Approval SLA', level: 1 }).waitFor();
    const form = w.page.getByRole('form', { name: 'Approval SLA of Nordic Compute (organization)' });
    await form.getByLabel(/Escalate after/).fill('6');
    await form.getByLabel(/Daily digest/).check();
    await form.getByRole('button', { name: 'Save' }).click();
    await w.toast('Approval SLA of Nordic Compute (organization) saved.');
    await w.screenshot('approval-sla');
    const row = await e2e.tdb.db
      .selectFrom('approval_sla_settings as s')
      .innerJoin('customers as c', 'c.id', 's.scope_id')
      .select(['s.escalate_after_hours', 's.daily_digest'])
      .where('s.scope_type', '=', 'customer')
      .where('c.name', '=', 'Nordic Compute')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ escalate_after_hours: 6, daily_digest: true });
    await w.expectCleanAndClose();
  });

  it('a consumer has no Needs attention link', async () => {
    const w = await e2e.page();
    await w.signIn('Alice Owner');
    await w.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'My resources' })
      .waitFor();
    const links = await w.page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
    expect(links).not.toContain('Needs attention');
    await w.expectCleanAndClose();
  });
});
