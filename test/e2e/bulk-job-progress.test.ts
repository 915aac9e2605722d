import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../workflows/helpers.js';
import { type E2E, startE2E } from './support/harness.js';

// Browser test of a bulk approval as a server-side job: the dialog follows the job's progress live.
// One order is held under a row lock by the test, so the job stops at it and the dialog must show
// the partial progress; releasing the lock lets the job finish with one result per order.
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E({ workflows: true });
}, 300_000);
afterAll(async () => {
  await e2e?.close();
});

async function storageOrder(name: string): Promise<{ uuid: string }> {
  const [offering] = await e2e.api<{ url: string; plans: { url: string }[] }[]>(
    'alice',
    'GET',
    '/api/marketplace-public-offerings/?name=Managed%20Research%20Storage',
  );
  const [project] = await e2e.api<{ url: string }[]>('alice', 'GET', '/api/projects/?name=Genomics');
  return e2e.api('alice', 'POST', '/api/marketplace-orders/', {
    project: project?.url,
    offering: offering?.url,
    plan: offering?.plans[0]?.url,
    attributes: { name },
    limits: { storage: 100 },
  });
}

describe('bulk job progress in the browser', { timeout: 180_000 }, () => {
  it('the provider sees the job advance, stop at a locked order, then finish', async () => {
    const tag = `job-${Date.now().toString(36)}`;
    const orders: { uuid: string }[] = [];
    for (const n of [1, 2, 3, 4, 5, 6]) orders.push(await storageOrder(`${tag}-${n}`));
    const held = orders[3]!.uuid;
    const lock = await e2e.tdb.pool.connect();
    try {
      await lock.query('BEGIN');
      await lock.query('SELECT id FROM orders WHERE uuid = $1 FOR UPDATE', [held]);

      const w = await e2e.page();
      await w.signIn('Paula Provider');
      await w.nav('Provider orders');
      await w.page.getByRole('searchbox', { name: 'Search' }).fill(tag);
      await w.page.getByRole('row', { name: new RegExp(`${tag}-6`) }).waitFor();
      await expect.poll(() => w.page.getByRole('row').count()).toBe(7);
      await w.page.getByRole('checkbox', { name: 'Select all orders on this page' }).check();
      await w.page.getByRole('button', { name: 'Approve selected' }).click();
      await w.dialog().getByRole('button', { name: 'Approve' }).click();

      // The job lists the orders in the order the page sent them; it stops at the held one.
      const { position: before } = await waitFor('the job to list the held order', () =>
        e2e.tdb.db
          .selectFrom('bulk_job_items')
          .select('position')
          .where('order_uuid', '=', held)
          .executeTakeFirst(),
      );
      const progress = w.dialog().getByTestId('bulk-progress');
      await progress.getByText(`${before} of 6 processed…`).waitFor();
      expect(await progress.getByRole('progressbar').getAttribute('aria-valuenow')).toBe(String(before));
      await w.screenshot('bulk-job-progress');

      await lock.query('COMMIT');
      await w.dialog().getByText('6 of 6 orders approved.').waitFor();
      const results = w.dialog().getByRole('list', { name: 'Results per order' }).getByRole('listitem');
      expect(await results.count()).toBe(6);
      expect(await results.filter({ hasText: '✓ Order has been approved.' }).count()).toBe(6);
      await w.dialog().getByRole('button', { name: 'Close' }).click();
      await w.expectCleanAndClose();
    } finally {
      await lock.query('ROLLBACK').catch(() => undefined);
      lock.release();
    }
  });
});
