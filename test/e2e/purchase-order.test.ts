import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, startE2E } from './support/harness.js';

// Purchase orders (orders spec §7.20, §7.5): on an offering that requires one, the consumer's
// Approve stays disabled, with the reason, until a PDF is attached on the order page.
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  // The demo's Managed Research Storage asks for a purchase order from now on.
  await e2e.tdb.db
    .updateTable('offerings')
    .set({
      plugin_options: sql`plugin_options || '{"require_purchase_order_upload": true}'::jsonb`,
    })
    .where('name', '=', 'Managed Research Storage')
    .execute();
}, 300_000);
afterAll(async () => {
  await e2e?.close();
});

interface OrderOut {
  uuid: string;
  state: string;
  attachment: string | null;
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('a consumer attaches the purchase order, then approves', { timeout: 120_000 }, () => {
  it('Approve is disabled with the reason, the PDF is uploaded, then Approve works', async () => {
    const [order] = await e2e.api<OrderOut[]>(
      'alice',
      'GET',
      '/api/marketplace-orders/?resource_name=shared-datasets&state=pending-consumer',
    );
    expect(order?.attachment).toBeNull();
    const w = await e2e.page();
    await w.signIn('Alice Owner');
    await w.goto(`/orders/${order!.uuid}`);
    await w.headingState('Pending consumer');
    const card = w.page.getByRole('region', { name: 'Purchase order' });
    await card.getByText(/requires a purchase order \(PDF\) before the order can be approved/).waitFor();

    await w.page.getByRole('button', { name: 'Actions' }).click();
    const approve = w.page.getByRole('menuitem', { name: /Approve/ });
    await approve.getByText('Purchase order is required for approval.').waitFor();
    expect(await approve.getAttribute('aria-disabled')).toBe('true');
    await w.screenshot('order-purchase-order-required');
    await w.page.keyboard.press('Escape');

    await card
      .getByLabel('Purchase order PDF')
      .setInputFiles({ name: 'PO-2026-017.pdf', mimeType: 'application/pdf', buffer: PDF });
    await w.toast('Purchase order has been uploaded.');
    await card.getByText('PO-2026-017.pdf').waitFor();
    const [download] = await Promise.all([
      w.page.waitForEvent('download'),
      card.getByRole('button', { name: 'Download PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('PO-2026-017.pdf');
    await card.getByRole('button', { name: 'Remove' }).waitFor();

    await w.action('Approve');
    await w.dialog().getByRole('button', { name: 'Approve' }).click();
    await w.toast('Order has been approved.');
    await w.headingState('Pending provider');

    const after = await e2e.api<OrderOut>('alice', 'GET', `/api/marketplace-orders/${order!.uuid}/`);
    expect(after.state).toBe('pending-provider');
    expect(after.attachment).toMatch(/\/attachment\/$/);
    await w.expectCleanAndClose();
  });
});
