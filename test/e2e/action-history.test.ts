import { afterAll, beforeAll, describe, it } from 'vitest';
import { waitFor } from '../workflows/helpers.js';
import { type E2E, startE2E } from './support/harness.js';
import type { PageWatch } from './support/page-watch.js';

// Browser test of who did what: every action shows with its own verb, actor, time and reason on the
// order's Timeline, the resource's History and the tenant's Events — a retry is "retried", not a
// second "approved"; a cancel is "canceled", and the unreviewed approvals say so.
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
interface Offering extends Named {
  url: string;
  plans: { uuid: string; url: string }[];
}

async function offering(name: string): Promise<Offering> {
  const list = await e2e.api<Offering[]>('alice', 'GET', '/api/marketplace-public-offerings/?page_size=50');
  const o = list.find((x) => x.name === name);
  if (!o) throw new Error(`no offering ${name}`);
  return o;
}

/** Alice's order through the API; returns its uuid. */
async function order(offeringName: string, attributes: Record<string, unknown>, limits = {}) {
  const o = await offering(offeringName);
  const [project] = await e2e.api<Named[]>('alice', 'GET', '/api/projects/?name=Genomics');
  const created = await e2e.api<{ uuid: string }>('alice', 'POST', '/api/marketplace-orders/', {
    project: `${e2e.url}/api/projects/${project?.uuid}/`,
    offering: `${e2e.url}/api/marketplace-public-offerings/${o.uuid}/`,
    plan: `${e2e.url}/api/marketplace-public-offerings/${o.uuid}/plans/${o.plans[0]?.uuid}/`,
    attributes,
    limits,
  });
  return created.uuid;
}

/** An entry of a history list: its headline and actor, then its reason line. */
async function entry(w: PageWatch, list: string, headline: RegExp, reason: string): Promise<void> {
  const item = w.page.getByRole('list', { name: list }).getByRole('listitem').filter({ hasText: headline });
  await item.getByText(`Reason: ${reason}`).first().waitFor();
}

describe('action history in the browser', { timeout: 240_000 }, () => {
  it('the order and resource pages show approve, erred and retry with verb, actor and reason', async () => {
    const uuid = await order('Nordic HPC Cluster', { name: 'audit-alloc' }, { cpu: 1000 });
    const w = await e2e.page();
    await w.signIn('Paula Provider');
    await w.goto(`/orders/${uuid}`);
    await w.headingState('Pending provider');
    await w.action('Approve');
    await w
      .dialog()
      .getByLabel(/Reason/)
      .fill('Fits this quarter');
    await w.dialog().getByRole('button', { name: 'Approve' }).click();
    await w.headingState('Executing');
    await e2e.api('staff', 'POST', `/api/marketplace-orders/${uuid}/set_state_erred/`, {
      error_message: 'sbatch: invalid partition',
    });
    await w.page.reload();
    await w.headingState('Erred');
    await w.action('Retry');
    await w
      .dialog()
      .getByLabel(/Reason/)
      .fill('Partition fixed');
    await w.dialog().getByRole('button', { name: 'Yes' }).click();
    await w.headingState('Executing');

    await w.page.getByRole('tab', { name: 'Timeline' }).click();
    const timeline = 'Events, oldest first';
    await entry(w, timeline, /approved by the provider · by paula/, 'Fits this quarter');
    await entry(w, timeline, /marked as erred · by staff/, 'sbatch: invalid partition');
    await entry(w, timeline, /audit-alloc retried · by paula/, 'Partition fixed');

    await w.page.getByRole('link', { name: 'audit-alloc' }).click();
    await w.page.getByRole('heading', { name: 'History' }).waitFor();
    const history = 'Resource history, oldest first';
    await entry(w, history, /approved by the provider · by paula/, 'Fits this quarter');
    await entry(w, history, /audit-alloc retried · by paula/, 'Partition fixed');
    // A direct resource action: its reason is "kept in the audit log with your name", and shown here.
    await w.action('Set as erred');
    await w
      .dialog()
      .getByLabel(/Reason/)
      .fill('Account removed on the cluster');
    await w.dialog().getByRole('button', { name: 'Set as erred' }).click();
    await w.toast('Resource has been set as erred.');
    await entry(w, history, /^.*Set as erred.* · by paula/, 'Account removed on the cluster');
    await w.expectCleanAndClose();
  });

  it('a canceled order says canceled, by whom, and that its approvals never happened', async () => {
    const uuid = await order('Managed Research Storage', { name: 'audit-cancel' }, { storage: 10 });
    const w = await e2e.page();
    await w.signIn('Alice Owner');
    await w.goto(`/orders/${uuid}`);
    await w.headingState('Pending provider');
    await w.action('Cancel');
    await w.headingState('Canceled');
    await w.page.getByText(/Provider approval/).waitFor();
    await w.page.getByText('Not reviewed', { exact: true }).first().waitFor();
    await w.page.getByRole('tab', { name: 'Timeline' }).click();
    await w.page
      .getByRole('list', { name: 'Events, oldest first' })
      .getByText(/audit-cancel canceled · by alice/)
      .waitFor();
    await w.expectCleanAndClose();
  });

  it('the tenant page shows retry and decommission with verb, actor and reason', async () => {
    await e2e.api('staff', 'POST', '/api/provisioning-faults/', {
      step: 'issue_certificate',
      times: 1,
      message: 'CA offline (drill)',
      permanent: true,
    });
    const slug = 'audit-lab';
    await order('Orderly Tenant', { name: 'Audit lab', slug, admin_email: `admin@${slug}.example` });
    const tenant = await waitFor(
      'the tenant to fail',
      async () => {
        const [t] = await e2e.api<{ uuid: string; state: string }[]>(
          'staff',
          'GET',
          `/api/tenants/?slug=${slug}`,
        );
        return t?.state === 'Failed' ? t : undefined;
      },
      90_000,
    );
    const w = await e2e.page();
    await w.signIn('Sam Staff');
    await w.goto(`/tenants/${tenant.uuid}`);
    const badge = (state: string) => w.page.locator('h1 .badge', { hasText: new RegExp(`^${state}$`) });
    await badge('Failed').waitFor();
    await w.action('Retry provisioning');
    await w
      .dialog()
      .getByLabel(/Reason/)
      .fill('CA is back');
    await w.dialog().getByRole('button', { name: 'Retry provisioning' }).click();
    await badge('Active').waitFor({ timeout: 90_000 });
    await entry(w, 'Events', /Provisioning retried \(attempt 2\) · by staff/, 'CA is back');
    await w.page.getByRole('cell', { name: 'CA is back' }).waitFor();

    // Reset's refusal names "Decommissioning" too: pick the item by its own label.
    await w.page.getByRole('button', { name: 'Actions' }).click();
    await w.page.getByRole('menuitem', { name: /^Decommission/ }).click();
    await w
      .dialog()
      .getByLabel(/Reason/)
      .fill('Lab closed');
    await w.dialog().getByLabel(/Type/).fill(slug);
    await w.dialog().getByRole('button', { name: 'Decommission' }).click();
    await badge('Decommissioned').waitFor({ timeout: 90_000 });
    await entry(w, 'Events', /Decommission started · by staff/, 'Lab closed');
    await w.expectCleanAndClose();
  });
});
