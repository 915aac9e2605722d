import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleGet } from '../tenants/helpers.js';
import { type E2E, startE2E } from './support/harness.js';
import { orderTenant, type TenantOut, tenantOfOrder } from './support/tenant-order.js';

// Browser test of the tenant detail page (tenant spec §10, seed 002 "Retry a failed provisioning"):
// a tenant whose certificate step fails is retried from the page and becomes Active live. The
// server runs the tenant saga in process (workflow engine, tenant console, fault injection on).
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E({ workflows: true });
}, 300_000);
afterAll(async () => {
  await e2e?.close();
});

describe('tenant page in the browser', { timeout: 180_000 }, () => {
  it('a tenant whose certificate step failed is retried from the page and becomes Active live', async () => {
    // The certificate step fails once, permanently (no step retries): the run ends Failed.
    await e2e.api('staff', 'POST', '/api/provisioning-faults/', {
      step: 'issue_certificate',
      times: 1,
      message: 'CA offline (drill)',
      permanent: true,
    });
    const slug = 'borealis-lab';
    const orderUuid = await orderTenant(e2e, slug);
    // The tenant row appears once the order is processed; the test needs it to exist, not any state.
    await tenantOfOrder(e2e, slug, orderUuid);

    const w = await e2e.page();
    await w.signIn('Sam Staff');
    // From the order's details to its tenant.
    await w.goto(`/orders/${orderUuid}`);
    await w.page.getByRole('link', { name: `Tenant ${slug}` }).click();
    const badge = (state: string) => w.page.locator('h1 .badge', { hasText: new RegExp(`^${state}$`) });
    await badge('Failed').waitFor({ timeout: 60_000 });
    const failure = w.page.getByRole('region', { name: 'Failure details' });
    await failure.getByTestId('failed-activity').getByText('issue_certificate', { exact: true }).waitFor();
    await failure.getByText('CA offline (drill)', { exact: true }).waitFor();
    await w.page
      .getByRole('list', { name: 'Steps of Attempt 1' })
      .getByText('Failed: fault.injected — CA offline (drill)')
      .waitFor();
    await w.screenshot('tenant-failed', true);

    await w.action('Retry provisioning');
    const dialog = w.dialog();
    await dialog.getByText(/starts attempt 2/).waitFor();
    await dialog.getByText('issue_certificate').waitFor();
    await dialog.getByLabel(/Reason/).fill('CA is back');
    await dialog.getByRole('button', { name: 'Retry provisioning' }).click();
    await w.toast('Provisioning retry started (attempt 2).');
    // Live: the page follows the tenant's event feed, no reload.
    await badge('Active').waitFor({ timeout: 90_000 });
    await w.page
      .getByRole('list', { name: 'Steps of Attempt 2' })
      .getByText('Reused from attempt 1')
      .first()
      .waitFor();
    const link = w.page.getByRole('link', { name: 'Open Admin Console' });
    const href = await link.getAttribute('href');
    expect(await link.getAttribute('target')).toBe('_blank');
    await w.screenshot('tenant-active', true);

    // The console serves HTTPS with a certificate of Orderly's local CA. Checked with Node's https
    // trusting only that CA (and the tenant's host name as SNI), rather than Chromium with
    // --ignore-certificate-errors: this proves the link loads *and* its certificate is valid.
    const tenant = (await e2e.api<TenantOut[]>('staff', 'GET', `/api/tenants/?slug=${slug}`))[0];
    expect(href).toBe(tenant?.admin_console_url);
    const { certificate_pem } = await e2e.api<{ certificate_pem: string }>(
      'staff',
      'GET',
      '/api/tenant-ca-certificate/',
    );
    const page = await consoleGet(href ?? '', certificate_pem);
    expect(page.status).toBe(200);
    await w.expectCleanAndClose();
  });
});
