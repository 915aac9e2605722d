import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, startE2E } from './support/harness.js';

// Browser tests: a real Orderly with the demo data on its own database, driven in Chromium.
let e2e: E2E;
beforeAll(async () => {
  // Workflows on: bulk Approve/Reject run as server-side bulk jobs.
  e2e = await startE2E({ workflows: true });
}, 300_000);
afterAll(async () => {
  await e2e?.close();
});

interface OrderOut {
  uuid: string;
  state: string;
}

/** Creates a Managed Research Storage order as alice (consumer owner): it waits for the provider. */
async function storageOrder(name: string): Promise<OrderOut> {
  const [offering] = await e2e.api<{ url: string; plans: { url: string }[] }[]>(
    'alice',
    'GET',
    '/api/marketplace-public-offerings/?name=Managed%20Research%20Storage',
  );
  const [project] = await e2e.api<{ url: string }[]>('alice', 'GET', '/api/projects/?name=Genomics');
  return e2e.api<OrderOut>('alice', 'POST', '/api/marketplace-orders/', {
    project: project?.url,
    offering: offering?.url,
    plan: offering?.plans[0]?.url,
    attributes: { name },
    limits: { storage: 100 },
  });
}

describe('provider dashboard in the browser', { timeout: 120_000 }, () => {
  it('a provider approves a pending order from the "needs my action" list', async () => {
    const w = await e2e.page();
    await w.signedOut();
    await w.page.getByRole('heading', { name: 'Demo users' }).waitFor();
    await w.screenshot('sign-in');
    await w.signIn('Paula Provider');
    await w.page.getByRole('heading', { name: 'Welcome, Paula' }).waitFor();
    await w.screenshot('home-provider');

    await w.nav('Provider orders');
    const row = w.page.getByRole('row', { name: /archive-bucket/ });
    await row.waitFor();
    expect(w.page.url()).toContain('/provider/orders');
    await w.screenshot('provider-orders');
    await w.page.getByRole('button', { name: 'All orders' }).click();
    await w.page.waitForURL(/view=all/);
    await w.page.getByRole('link', { name: 'gpu-allocation' }).waitFor();
    await w.screenshot('provider-orders-all');
    await w.page.getByRole('button', { name: 'Needs my action' }).click();

    await row.getByRole('link', { name: 'archive-bucket' }).click();
    await w.headingState('Pending provider');
    await w.action('Approve');
    await w.dialog().getByText('Are you sure you want to approve this order?').waitFor();
    await w.dialog().getByRole('button', { name: 'Approve' }).click();
    await w.toast('Order has been approved.');
    // A Basic order then waits for the provider to mark it done (seed 000; basic-mark-done.test.ts).
    await w.headingState('Executing');
    await w.page.getByRole('tab', { name: 'Approvals' }).click();
    await w.page.getByText(/Approved by Paula Provider/).waitFor();
    await w.screenshot('order-approved');
    await w.expectCleanAndClose();
  });

  it('bulk-approves three selected orders and shows one result per order', async () => {
    const tag = `bulk-${Date.now().toString(36)}`;
    for (const n of [1, 2, 3]) await storageOrder(`${tag}-${n}`);
    const w = await e2e.page();
    await w.signIn('Paula Provider');
    await w.nav('Provider orders');
    await w.page.getByRole('searchbox', { name: 'Search' }).fill(tag);
    await w.page.getByRole('row', { name: new RegExp(`${tag}-3`) }).waitFor();
    await w.page.waitForURL(new RegExp(`q=${tag}`));
    await expect.poll(() => w.page.getByRole('row').count()).toBe(4);
    await w.page.getByRole('checkbox', { name: 'Select all orders on this page' }).check();
    await w.page.getByText('3 selected').waitFor();
    await w.page.getByRole('button', { name: 'Approve selected' }).click();
    await w.dialog().getByRole('button', { name: 'Approve' }).click();
    const results = w.dialog().getByRole('list', { name: 'Results per order' }).getByRole('listitem');
    await w.dialog().getByText('3 of 3 orders approved.').waitFor();
    expect(await results.count()).toBe(3);
    for (const n of [1, 2, 3])
      await results
        .filter({ hasText: `${tag}-${n}` })
        .getByText('✓ Order has been approved.')
        .waitFor();
    await w.screenshot('bulk-approve-results');
    await w.dialog().getByRole('button', { name: 'Close' }).click();
    await w.page.getByText('Nothing needs your action').waitFor();
    await w.expectCleanAndClose();
  });

  it('retries an erred order from its details page; the old error stays in Error details', async () => {
    const w = await e2e.page();
    await w.signIn('Paula Provider');
    await w.goto('/provider/orders?view=all&state=erred');
    await w.page.getByRole('link', { name: 'gpu-allocation' }).click();
    await w.headingState('Erred');
    await w.page.getByText(/This order failed\./).waitFor();
    await w.page.getByRole('tab', { name: /Error details/ }).click();
    await w.page
      .getByText(/Batch job submission failed/)
      .first()
      .waitFor();

    await w.action('Retry');
    const dialog = w.dialog();
    await dialog.getByRole('heading', { name: 'Retry order' }).waitFor();
    await dialog
      .getByText(
        'This will reset the order and its resource back to an active processing state. The order will be resubmitted for processing. Are you sure?',
      )
      .waitFor();
    await dialog.getByText(/stays in the Error details tab/).waitFor();
    await dialog.getByRole('button', { name: 'Yes' }).click();
    await w.toast('Order has been submitted for retry.');
    await w.headingState('Executing');

    const attempts = w.page.getByRole('list', { name: 'Attempts, newest first' }).getByRole('listitem');
    await attempts.filter({ hasText: 'Attempt 2' }).waitFor();
    const first = attempts.filter({ hasText: 'Attempt 1' });
    await first.getByText(/sbatch: error: Batch job submission failed/).waitFor();
    await w.screenshot('order-retry-error-details');
    await w.page.getByRole('tab', { name: 'Timeline' }).click();
    const events = w.page.getByRole('list', { name: 'Events, oldest first' }).getByRole('listitem');
    await events.filter({ hasText: 'by paula' }).last().waitFor();
    await w.screenshot('order-timeline');
    await w.expectCleanAndClose();
  });

  it('shows the server’s problem in words when an action is refused (the order changed meanwhile)', async () => {
    const order = await storageOrder(`stale-${Date.now().toString(36)}`);
    const w = await e2e.page();
    await w.signIn('Paula Provider');
    await w.goto(`/orders/${order.uuid}`);
    await w.headingState('Pending provider');
    // Someone else rejects it while this page still offers Approve.
    await e2e.api('paula', 'POST', `/api/marketplace-orders/${order.uuid}/reject_by_provider/`, {
      provider_rejection_comment: 'Duplicate request.',
    });
    w.expectHttpError(409, `/api/marketplace-orders/${order.uuid}/approve_by_provider/`);
    await w.action('Approve');
    await w.dialog().getByRole('button', { name: 'Approve' }).click();
    const alert = w.dialog().getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Valid states for operation: pending-provider/);
    // Behind the dialog the page already shows the order's current state.
    await w.headingState('Rejected');
    await w.screenshot('order-action-refused');
    await w.dialog().getByRole('button', { name: 'Cancel' }).click();
    await w.expectCleanAndClose();
  });
});
