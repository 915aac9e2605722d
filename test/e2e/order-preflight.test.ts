import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, startE2E } from './support/harness.js';

// Browser test of the order form's preflight panel: as the form changes, the server's verdict (the
// real create, rolled back), the approval path with its approvers, and a refusal naming the field.
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
}, 300_000);
afterAll(async () => {
  await e2e?.close();
});

describe('order form preflight in the browser', { timeout: 180_000 }, () => {
  it('a project admin sees the verdict and who approves, live, before Submit', async () => {
    const w = await e2e.page();
    await w.signIn('Dave Admin');
    await w.nav('Marketplace');
    await w.page.getByRole('link', { name: 'Order Managed Research Storage' }).click();
    const form = w.page.getByRole('form', { name: 'Order form' });
    const panel = form.getByTestId('preflight');
    await form.getByLabel('Resource name (required)').fill('Sequencing archive');
    await panel.getByText('✓ The order would be accepted.').waitFor();
    const path = panel.getByRole('list', { name: 'Approval path' });
    const consumer = path.locator('li[data-step="consumer_review"]');
    await consumer.getByText('Waits').waitFor();
    await consumer.getByText(/Can approve: .*Alice Owner/).waitFor();
    await path
      .locator('li[data-step="provider_review"]')
      .getByText(/Can approve: .*Paula Provider/)
      .waitFor();

    // Over the component's maximum: the panel says why create would refuse, on the field.
    await form.locator('#limit-storage').fill('200000');
    await panel.getByText(/The order would be refused/).waitFor();
    await panel.getByText(/limits › storage: The limit 200000 of storage is above the maximum/).waitFor();
    expect(await path.count()).toBe(0);

    await form.locator('#limit-storage').fill('500');
    await panel.getByText('✓ The order would be accepted.').waitFor();
    await w.screenshot('order-form-preflight', true);
    await form.getByRole('button', { name: 'Submit order' }).click();
    await w.toast('Order has been submitted.');
    await w.page.getByRole('heading', { name: /Sequencing archive/ }).waitFor();
    await w.expectCleanAndClose();
  });
});
