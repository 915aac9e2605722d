import { afterAll, beforeAll, describe, it } from 'vitest';
import { type E2E, startE2E } from './support/harness.js';

// Browser test of the retry dialog (seed 000 "Retrying erred orders"): it says plainly what retry
// clears from the order and where the earlier attempt stays. Olga is the demo OFFERING.MANAGER of
// the SLURM offering; offering managers may retry (seed 000 "Who can retry").
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
}, 300_000);
afterAll(async () => {
  await e2e?.close();
});

describe('retry dialog in the browser', { timeout: 120_000 }, () => {
  it('an offering manager retries an erred SLURM order after reading what retry clears', async () => {
    const [order] = await e2e.api<{ uuid: string }[]>(
      'staff',
      'GET',
      '/api/marketplace-orders/?state=erred&offering_type=Marketplace.Slurm&o=-created',
    );
    if (!order) throw new Error('demo data without an erred SLURM order');
    const w = await e2e.page();
    await w.signIn('Olga Offering-Manager');
    await w.goto(`/orders/${order.uuid}`);
    await w.headingState('Erred');
    await w.page.locator('.eyebrow', { hasText: 'Nordic HPC Cluster' }).waitFor();

    await w.action('Retry');
    const dialog = w.dialog();
    await dialog.getByRole('heading', { name: 'Retry order' }).waitFor();
    const warning = dialog.getByRole('note');
    await warning
      .getByText(/clears the order's error message, error traceback and completion time/)
      .waitFor();
    await warning
      .getByText(/attempt 1, with its error message and traceback, stays in the Error details tab/)
      .waitFor();
    await dialog.getByLabel(/Reason/).fill('Partition fixed on the cluster');
    await dialog.getByRole('button', { name: 'Yes' }).click();
    await w.toast('Order has been submitted for retry.');
    await w.headingState('Executing');

    // The order's own error is gone; attempt 1 still holds it.
    await w.page.getByRole('tab', { name: /Error details/ }).click();
    const attempts = w.page.getByRole('list', { name: 'Attempts, newest first' }).getByRole('listitem');
    await attempts
      .filter({ hasText: 'Attempt 2' })
      .getByText(/by olga/)
      .waitFor();
    await attempts
      .filter({ hasText: 'Attempt 1' })
      .getByText(/sbatch: error: Batch job submission failed/)
      .waitFor();
    await w.expectCleanAndClose();
  });
});
