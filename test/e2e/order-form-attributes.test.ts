import { afterAll, beforeAll, describe, it } from 'vitest';
import { type E2E, startE2E } from './support/harness.js';

// Browser test of the order form's declared attributes: the tenant offering declares a slug and an
// admin e-mail (`options`), and the form asks for them with the offering's labels and help, checks
// what it can, shows the server's verdict on the field, and submits an order that provisions.
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E({ workflows: true });
}, 300_000);
afterAll(async () => {
  await e2e?.close();
});

describe('order form attributes in the browser', { timeout: 180_000 }, () => {
  it('a consumer orders a tenant through the form and reaches its order and tenant pages', async () => {
    const w = await e2e.page();
    await w.signIn('Alice Owner');
    await w.nav('Marketplace');
    await w.page.getByRole('link', { name: 'Order Orderly Tenant' }).click();
    await w.page.getByRole('heading', { name: 'Order Orderly Tenant' }).waitFor();
    const form = w.page.getByRole('form', { name: 'Order form' });
    const details = form.getByRole('group', { name: 'Details the provider needs' });
    const slug = form.getByLabel('Slug (required)');
    const email = form.getByLabel('Admin e-mail (required)');
    await details.getByText(/3–63 lower-case letters, digits and hyphens/).waitFor();

    await form.getByLabel('Resource name (required)').fill('Aurora workspace');
    // Required attributes left empty: the form says so on each field and sends nothing.
    await form.getByRole('button', { name: 'Submit order' }).click();
    await details.getByRole('alert').filter({ hasText: 'Slug is required.' }).waitFor();
    await details.getByRole('alert').filter({ hasText: 'Admin e-mail is required.' }).waitFor();

    // A slug only the server can judge: its 400 lands on the slug field.
    w.expectHttpError(400, '/api/marketplace-orders/');
    await slug.fill('Aurora_WS');
    await email.fill('admin@aurora.example');
    await form.getByRole('button', { name: 'Submit order' }).click();
    await form
      .getByRole('alert')
      .filter({ hasText: /^Slug must be 3–63 characters/ })
      .waitFor();
    await form.getByText('Some details need correcting: see the fields above.').waitFor();

    await slug.fill('aurora-ws');
    await form.getByRole('button', { name: 'Submit order' }).click();
    await w.toast('Order has been submitted.');
    await w.page.getByRole('heading', { name: /Aurora workspace/ }).waitFor();
    await w.page.getByRole('tab', { name: 'Details', exact: true }).click();
    await w.page.getByText('admin@aurora.example').first().waitFor();
    await w.page.getByRole('link', { name: 'Tenant aurora-ws' }).click({ timeout: 60_000 });
    await w.page.locator('h1 .badge', { hasText: /^Active$/ }).waitFor({ timeout: 90_000 });
    await w.page.getByRole('link', { name: 'Open Admin Console' }).waitFor();
    await w.expectCleanAndClose();
  });
});
