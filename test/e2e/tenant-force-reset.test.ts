import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../workflows/helpers.js';
import { type E2E, startE2E } from './support/harness.js';

// Browser test of Reset when it is needed (seed 002: "useful when retry won't initiate because the
// previous workflow's lock is still held"): a provisioning run hangs in a step with a live
// heartbeat; the provider sees Reset refused and why, staff force it with a reason.
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E({ workflows: true });
}, 300_000);
afterAll(async () => {
  await e2e?.close();
});

interface Named {
  uuid: string;
  name: string;
}
interface TenantOut {
  uuid: string;
  state: string;
  lock: { holder: string; fresh: boolean } | null;
  current_run: { step: string | null } | null;
}

/** Orders a tenant as Alice through the API. */
async function orderTenant(slug: string): Promise<void> {
  const offerings = await e2e.api<(Named & { plans: { uuid: string }[] })[]>(
    'alice',
    'GET',
    '/api/marketplace-public-offerings/?page_size=50',
  );
  const offering = offerings.find((o) => o.name === 'Orderly Tenant');
  const projects = await e2e.api<Named[]>('alice', 'GET', '/api/projects/?page_size=50');
  const project = projects.find((p) => p.name === 'Genomics');
  if (!offering || !project) throw new Error('demo data without the Orderly Tenant offering or Genomics');
  await e2e.api('alice', 'POST', '/api/marketplace-orders/', {
    project: `${e2e.url}/api/projects/${project.uuid}/`,
    offering: `${e2e.url}/api/marketplace-public-offerings/${offering.uuid}/`,
    plan: `${e2e.url}/api/marketplace-public-offerings/${offering.uuid}/plans/${offering.plans[0]?.uuid}/`,
    attributes: { name: 'Stuck lab', slug, admin_email: `admin@${slug}.example` },
  });
}

describe('tenant reset in the browser', { timeout: 180_000 }, () => {
  it('a provider sees why Reset is refused on a live lock; staff force it with a reason', async () => {
    // The admin-user step hangs with the worker alive: the lock's heartbeat stays fresh.
    await e2e.api('staff', 'POST', '/api/provisioning-faults/', {
      step: 'create_admin_user',
      times: 1,
      message: 'hang here',
      hold_seconds: 600,
    });
    const slug = 'stuck-lab';
    await orderTenant(slug);
    const tenant = await waitFor('the run to hang with a fresh lock', async () => {
      const [t] = await e2e.api<TenantOut[]>('staff', 'GET', `/api/tenants/?slug=${slug}`);
      return t?.lock?.fresh && t.current_run?.step === 'create_admin_user' ? t : undefined;
    });

    const provider = await e2e.page();
    await provider.signIn('Paula Provider');
    await provider.goto(`/tenants/${tenant.uuid}`);
    await provider.page.locator('h1 .badge', { hasText: /^Provisioning$/ }).waitFor();
    await provider.page.getByRole('button', { name: 'Actions' }).click();
    const reset = provider.page.getByRole('menuitem', { name: /^Reset/ });
    expect(await reset.getAttribute('aria-disabled')).toBe('true');
    await reset.getByText(/heartbeat is fresh.*Only staff can force a reset of a live run/).waitFor();
    expect(await provider.page.getByRole('menuitem', { name: /Force reset/ }).count()).toBe(0);
    await provider.page.keyboard.press('Escape');
    await provider.expectCleanAndClose();

    const staff = await e2e.page();
    await staff.signIn('Sam Staff');
    await staff.goto(`/tenants/${tenant.uuid}`);
    await staff.page.locator('h1 .badge', { hasText: /^Provisioning$/ }).waitFor();
    await staff.action('Force reset');
    const dialog = staff.dialog();
    await dialog.getByText(/lock is still held by/).waitFor();
    await dialog.getByText(/The worker holding the lock is alive/).waitFor();
    const confirm = dialog.getByRole('button', { name: 'Force reset' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel(/Reason/).fill('Worker wedged on the admin step; releasing the lock');
    await confirm.click();
    await staff.toast('Tenant reset (forced).');
    await staff.page.locator('h1 .badge', { hasText: /^Failed$/ }).waitFor();
    const events = staff.page.getByRole('list', { name: 'Events' }).getByRole('listitem');
    const forced = events.filter({ hasText: 'Force reset' });
    await forced.getByText(/by staff/).waitFor();
    await forced.getByText('Reason: Worker wedged on the admin step; releasing the lock').waitFor();
    const after = await e2e.api<TenantOut>('staff', 'GET', `/api/tenants/${tenant.uuid}/`);
    expect(after.lock).toBeNull();
    await staff.expectCleanAndClose();
  });
});
