import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, startE2E } from './support/harness.js';

// Browser tests of the consumer side: marketplace → order form → order page, cancel, consumer
// approval, and the main pages at a phone's width.
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
}, 300_000);
afterAll(async () => {
  await e2e?.close();
});

describe('consumer side in the browser', { timeout: 120_000 }, () => {
  it('a consumer orders Basic storage from the marketplace and cancels the order', async () => {
    const w = await e2e.page();
    await w.signIn('Alice Owner');
    await w.nav('Marketplace');
    await w.page.getByRole('heading', { name: 'Managed Research Storage' }).waitFor();
    await w.screenshot('marketplace');

    await w.page.getByRole('link', { name: 'Order Managed Research Storage' }).click();
    await w.page.getByRole('heading', { name: 'Order Managed Research Storage' }).waitFor();
    await w.page.getByLabel('Resource name (required)').fill('lab-notebooks');
    await w.page.getByLabel('Storage (GB)').fill('250');
    // 250 GB × 0.04 per GB and month, computed live from the plan's prices.
    await w.page.getByTestId('estimate-total').getByText('10.00').waitFor();
    await w.screenshot('order-form');
    await w.page.getByRole('button', { name: 'Submit order' }).click();
    await w.toast('Order has been submitted.');
    // The organization owner's own order skips consumer review and waits for the provider.
    await w.headingState('Pending provider');
    await w.page.getByRole('tab', { name: 'Details', exact: true }).click();
    await w.page.getByText('10.00 EUR per month').waitFor();
    await w.screenshot('order-details');

    await w.action('Cancel');
    await w.toast('Order has been canceled.');
    await w.headingState('Canceled');
    await w.screenshot('order-canceled');

    await w.nav('My orders');
    const row = w.page.getByRole('row', { name: /lab-notebooks/ });
    await row.getByText('Canceled').waitFor();
    await w.screenshot('my-orders');
    await w.expectCleanAndClose();
  });

  it('an organization owner approves a project member’s order as consumer; actions they lack are explained', async () => {
    const w = await e2e.page();
    await w.signIn('Alice Owner');
    await w.goto('/orders?pending=1');
    await w.page.getByRole('link', { name: 'shared-datasets' }).click();
    await w.headingState('Pending consumer');

    // Refused actions stay listed, disabled, with the server's reason.
    await w.page.getByRole('button', { name: 'Actions' }).click();
    const retry = w.page.getByRole('menuitem', { name: /Retry/ });
    expect(await retry.count()).toBe(0);
    const cancel = w.page.getByRole('menuitem', { name: /Cancel/ });
    expect(await cancel.getAttribute('aria-disabled')).toBe('false');
    await w.page.keyboard.press('Escape');

    await w.action('Approve');
    await w.dialog().getByRole('button', { name: 'Approve' }).click();
    await w.toast('Order has been approved.');
    await w.headingState('Pending provider');
    await w.page.getByRole('button', { name: 'Actions' }).click();
    await w.page
      .getByRole('menuitem', { name: /Approve/ })
      .getByText('Order must be Pending consumer.')
      .waitFor();
    await w.screenshot('order-actions-menu');
    await w.page.keyboard.press('Escape');
    await w.expectCleanAndClose();
  });

  it('the main pages work at 390 px wide', async () => {
    const w = await e2e.page(390);
    await w.signedOut();
    await w.page.getByRole('heading', { name: 'Demo users' }).waitFor();
    await w.screenshot('mobile-sign-in');
    await w.signIn('Paula Provider');
    await w.goto('/provider/orders?view=all');
    await w.page.getByRole('link', { name: 'hpc-allocation' }).waitFor();
    await w.screenshot('mobile-provider-orders', true);
    await w.page.getByRole('link', { name: 'hpc-allocation' }).click();
    await w.headingState('Executing');
    await w.page.getByRole('button', { name: 'Actions' }).click();
    await w.page.getByRole('menuitem', { name: /Mark as done/ }).waitFor();
    await w.screenshot('mobile-order', true);
    // Nothing is wider than the screen, the open menu included.
    const width = await w.page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await w.page.keyboard.press('Escape');
    await w.expectCleanAndClose();
  });
});
