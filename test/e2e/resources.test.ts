import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, startE2E } from './support/harness.js';

// Browser tests of the resource page: recovery of a resource stuck in Terminating (seed 001) and
// the staff force destroy (orders spec §17 f), on a real Orderly with the demo data.
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
}, 300_000);
afterAll(async () => {
  await e2e?.close();
});

interface ResourceOut {
  uuid: string;
  name: string;
  state: string;
}

/** The demo resource of that name, through the provider view. */
async function resource(name: string): Promise<ResourceOut> {
  const [r] = await e2e.api<ResourceOut[]>(
    'staff',
    'GET',
    `/api/marketplace-provider-resources/?name_exact=${name}`,
  );
  if (!r) throw new Error(`no resource ${name}`);
  return r;
}

describe('resource page in the browser', { timeout: 120_000 }, () => {
  it('a provider recovers a resource stuck in Terminating: Set as erred, then Set state OK', async () => {
    const w = await e2e.page();
    await w.signIn('Paula Provider');
    // From the provider's orders: the Terminate order the site agent never confirmed.
    await w.goto('/provider/orders?view=all&type=Terminate');
    await w.page.getByRole('link', { name: 'legacy-cluster-account' }).click();
    await w.headingState('Executing');
    await w.page.getByRole('link', { name: 'legacy-cluster-account' }).click();
    await w.headingState('Terminating');
    const guidance = w.page.getByRole('region', { name: 'Recovering a resource stuck in Terminating' });
    await guidance.getByText(/can remain in the Terminating state indefinitely/).waitFor();
    await w.screenshot('resource-stuck-terminating');

    await w.action('Set as erred');
    const dialog = w.dialog();
    await dialog.getByText(/"Set as erred" is a state override, not a backend operation\./).waitFor();
    const confirm = dialog.getByRole('button', { name: 'Set as erred' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel(/Reason/).fill('Site agent offline for a week; the account was removed by hand.');
    await confirm.click();
    await w.toast('Resource has been set as erred.');
    await w.headingState('Erred');
    await w.page.getByText(/Error: Site agent offline/).waitFor();

    await w.action('Set state OK');
    await w.dialog().getByText('Errors are not cleared and the backend is not touched.').waitFor();
    await w
      .dialog()
      .getByLabel(/Reason/)
      .fill('Verified on the cluster: the account still exists and works.');
    await w.dialog().getByRole('button', { name: 'Set state OK' }).click();
    await w.toast('Resource state has been set to OK.');
    await w.headingState('OK');
    expect((await resource('legacy-cluster-account')).state).toBe('OK');
    await w.screenshot('resource-recovered');
    await w.expectCleanAndClose();
  });

  it('staff force-destroy a resource after typing its name and giving a reason', async () => {
    const target = await resource('genomics-scratch');
    const w = await e2e.page();
    await w.signIn('Sam Staff');
    await w.goto(`/resources/${target.uuid}?view=provider`);
    await w.headingState('OK');

    await w.action('Force destroy');
    const dialog = w.dialog();
    await dialog
      .getByText(/No order of genomics-scratch is in progress; nothing is failed first\./)
      .waitFor();
    await dialog.getByText(/force_destroy bypasses backend cleanup/).waitFor();
    const confirm = dialog.getByRole('button', { name: 'Force destroy' });
    await dialog.getByLabel(/Reason/).fill('Storage volume already deleted on the array.');
    await dialog.getByLabel(/Type genomics-scratch to confirm/).fill('genomics');
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel(/Type genomics-scratch to confirm/).fill('genomics-scratch');
    await confirm.click();
    await w.toast('Force destroy has been submitted.');

    // Staff do not approve their own order, and a Basic provider is not asked to remove it by hand:
    // the resource is Terminated at once, and the page says which cleanup was skipped.
    await w.headingState('Terminated');
    await w.page
      .getByRole('note', { name: 'Force destroy note' })
      .getByText(/provider was not asked/)
      .waitFor();
    const orders = w.page.getByRole('region', { name: 'Orders of this resource' });
    const row = orders.getByRole('row', { name: /Terminate order/ });
    await row.getByText('force destroy').waitFor();
    await row.getByText('Done').waitFor();
    await w.screenshot('resource-force-destroy-requested');
    await w.expectCleanAndClose();
  });
});
