import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, startE2E } from './support/harness.js';

// Seed 001 "Cancelling an order": a Basic order may be canceled while Executing, i.e. after the
// provider approved it and before they mark it done; the resource it would have created is gone.
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

/** A Managed Research Storage order by alice, approved by paula: Executing. */
async function executingStorageOrder(name: string): Promise<OrderOut> {
  const [offering] = await e2e.api<{ url: string; plans: { url: string }[] }[]>(
    'alice',
    'GET',
    '/api/marketplace-public-offerings/?name=Managed%20Research%20Storage',
  );
  const [project] = await e2e.api<{ url: string }[]>('alice', 'GET', '/api/projects/?name=Genomics');
  const o = await e2e.api<OrderOut>('alice', 'POST', '/api/marketplace-orders/', {
    project: project?.url,
    offering: offering?.url,
    plan: offering?.plans[0]?.url,
    attributes: { name },
    limits: { storage: 100 },
  });
  await e2e.api('paula', 'POST', `/api/marketplace-orders/${o.uuid}/approve_by_provider/`, {});
  return e2e.api<OrderOut>('alice', 'GET', `/api/marketplace-orders/${o.uuid}/`);
}

describe('a consumer cancels an executing Basic order', { timeout: 120_000 }, () => {
  it('Actions → Cancel: the order is Canceled and its resource Terminated', async () => {
    const order = await executingStorageOrder('scratch-by-mistake');
    expect(order.state).toBe('executing');
    const w = await e2e.page();
    await w.signIn('Alice Owner');
    await w.goto(`/orders/${order.uuid}`);
    await w.headingState('Executing');

    await w.action('Cancel');
    await w.toast('Order has been canceled.');
    await w.headingState('Canceled');
    const resource = await e2e.api<{ state: string }>(
      'alice',
      'GET',
      `/api/marketplace-resources/${order.marketplace_resource_uuid}/`,
    );
    expect(resource.state).toBe('Terminated');
    await w.expectCleanAndClose();
  });
});
