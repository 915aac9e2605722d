import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { type Marketplace, makeMarketplace, orderBody } from '../support/order-factories.js';
import { waitFor } from '../workflows/helpers.js';

let s: TestServer;
let ok: Marketplace;
let failing: Marketplace;
type Order = {
  uuid: string;
  state: string;
  error_message: string;
  error_traceback: string;
  output: string;
  marketplace_resource_uuid: string;
};

const secret = (create: string) => ({
  language: 'python',
  environ: { REGION: 'north' },
  create,
  delete: 'print("deleted")',
});

beforeAll(async () => {
  s = await startTestServer({ workflows: true });
  ok = await makeMarketplace(s.tdb.db, 'Marketplace.Script');
  failing = await makeMarketplace(s.tdb.db, 'Marketplace.Script');
  await s.tdb.db
    .updateTable('offerings')
    .set({
      secret_options: secret(
        'import os, json\nprint("provisioning", os.environ["RESOURCE_NAME"], os.environ["REGION"], json.loads(os.environ["LIMITS"])["cpu"])\nprint("vm-" + os.environ["ORDER_UUID"][:8])',
      ),
    })
    .where('id', '=', ok.offering.id)
    .execute();
  await s.tdb.db
    .updateTable('offerings')
    .set({
      secret_options: secret(
        'import sys\nprint("starting")\nsys.stderr.write("quota exceeded in region north\\n")\nsys.exit(2)',
      ),
    })
    .where('id', '=', failing.offering.id)
    .execute();
});
afterAll(() => s.close());

const finalState = (token: string, uuid: string) =>
  waitFor(`order ${uuid} to finish`, async () => {
    const r = await s.request<Order>('GET', `/api/marketplace-orders/${uuid}/`, { token });
    return ['done', 'erred'].includes(r.body.state) ? r.body : undefined;
  });

describe('Marketplace.Script orders run the provider’s script durably', () => {
  it('a successful create script completes the order and records the backend id and output', async () => {
    const created = await s.request<Order>('POST', '/api/marketplace-orders/', {
      token: ok.owner.token,
      body: orderBody(s.url, ok),
    });
    expect(created.status).toBe(201);
    // Script offerings skip provider review by default (auto_approve_marketplace_script): executing at once.
    expect(created.body.state).toBe('executing');
    const done = await finalState(ok.staff.token, created.body.uuid);
    expect(done.state).toBe('done');
    expect(done.output).toMatch(/^provisioning res-\w+ north 2\nvm-[0-9a-f-]{8}\n$/);
    const res = await s.request<{ backend_id: string; state: string }>(
      'GET',
      `/api/marketplace-resources/${done.marketplace_resource_uuid}/`,
      { token: ok.owner.token },
    );
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('OK');
    expect(res.body.backend_id).toBe(`vm-${created.body.uuid.slice(0, 8)}`);
  });

  it('a failing script errs the order with the last stderr line and the full output as traceback (staff only)', async () => {
    const created = await s.request<Order>('POST', '/api/marketplace-orders/', {
      token: failing.owner.token,
      body: orderBody(s.url, failing),
    });
    const erred = await finalState(failing.staff.token, created.body.uuid);
    expect(erred.state).toBe('erred');
    expect(erred.error_message).toBe('quota exceeded in region north');
    expect(erred.error_traceback).toContain('exit code: 2');
    expect(erred.error_traceback).toContain('starting');
    const asOwner = await s.request<Order>('GET', `/api/marketplace-orders/${created.body.uuid}/`, {
      token: failing.owner.token,
    });
    expect(asOwner.body.error_traceback).toBe('');
  });
});
