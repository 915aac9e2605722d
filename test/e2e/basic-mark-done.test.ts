import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, startE2E } from './support/harness.js';

// Seed 000 "Marking orders as done": a Basic order stays Executing after approval (the demo's
// Managed Research Storage is set up by staff by hand) until the provider marks it done.
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
}, 300_000);
afterAll(async () => {
  await e2e?.close();
});

interface OrderOut {
  uuid: string;
  state: string;
  marketplace_resource_uuid: string;
}

describe('a provider marks an executing Basic order done', { timeout: 120_000 }, () => {
  it('from the provider orders list to Done, and the resource is OK', async () => {
    const [order] = await e2e.api<OrderOut[]>(
      'paula',
      'GET',
      '/api/marketplace-orders/?resource_name=imaging-archive&state=executing',
    );
    expect(order?.state).toBe('executing');
    const w = await e2e.page();
    await w.signIn('Paula Provider');
    await w.goto('/provider/orders?view=all&state=executing');
    await w.page.getByRole('link', { name: 'imaging-archive' }).click();
    await w.headingState('Executing');
    // The page says who it waits for, so the order is not mistaken for stuck.
    await w.page
      .getByRole('note')
      .getByText(/marks the order as done once it has been provisioned/)
      .waitFor();
    await w.screenshot('order-basic-executing');

    await w.action('Mark as done');
    const dialog = w.dialog();
    await dialog.getByText(/once the resource has been provisioned on the backend/).waitFor();
    await dialog.getByRole('button', { name: 'Mark as done' }).click();
    await w.toast('Order has been marked as done.');
    await w.headingState('Done');

    const resource = await e2e.api<{ state: string }>(
      'paula',
      'GET',
      `/api/marketplace-provider-resources/${order!.marketplace_resource_uuid}/`,
    );
    expect(resource.state).toBe('OK');
    await w.expectCleanAndClose();
  });
});
