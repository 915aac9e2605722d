import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { makeMarketplace } from '../support/order-factories.js';
import { makeOrder, makeResource, resourceRow } from '../support/resource-factories.js';
import { waitFor } from '../workflows/helpers.js';

// A staff force destroy processed durably (a Script offering on a real worker): the worker reports
// for the staff member who started the run, so a failed delete script still ends Terminated.
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ workflows: true });
});
afterAll(() => s.close());

interface OrderOut {
  state: string;
  output: string;
  error_message: string;
}

async function forceDestroyScript(deleteScript: string) {
  const m = await makeMarketplace(s.tdb.db, 'Marketplace.Script');
  await s.tdb.db
    .updateTable('offerings')
    .set({ secret_options: { language: 'python', delete: deleteScript } })
    .where('id', '=', m.offering.id)
    .execute();
  const r = await makeResource(s.tdb.db, m, { state: 'Terminating', backendId: 'vm-1' });
  await makeOrder(s.tdb.db, m, r, { type: 'Terminate', state: 'executing' });
  const res = await s.request<{ order_uuid: string; order_state: string }>(
    'POST',
    `/api/marketplace-resources/${r.hex}/force_destroy/`,
    { token: m.staff.token, body: { reason: 'Stuck for a week.' } },
  );
  expect(res.status, res.text).toBe(200);
  expect(res.body.order_state).toBe('executing');
  const order = await waitFor('the force destroy order to finish', async () => {
    const o = await s.request<OrderOut>('GET', `/api/marketplace-orders/${res.body.order_uuid}/`, {
      token: m.staff.token,
    });
    return ['done', 'erred'].includes(o.body.state) ? o.body : undefined;
  });
  return { order, resource: await resourceRow(s.tdb.db, r.id) };
}

describe('force destroy on a durable processor', () => {
  it('the delete script fails: order Erred, resource Terminated, cleanup noted as skipped', async () => {
    const { order, resource } = await forceDestroyScript(
      'import sys\nsys.stderr.write("host unreachable\\n")\nsys.exit(1)',
    );
    expect(order.state).toBe('erred');
    expect(order.error_message).toBe('host unreachable');
    expect(order.output).toMatch(
      /provider-side cleanup was skipped \(the processor failed: host unreachable\)/,
    );
    expect(resource.state).toBe(6);
  });

  it('the delete script succeeds: order Done, resource Terminated, the script output kept', async () => {
    const { order, resource } = await forceDestroyScript('print("deleted")');
    expect(order).toMatchObject({ state: 'done', output: 'deleted\n' });
    expect(resource.state).toBe(6);
  });
});
