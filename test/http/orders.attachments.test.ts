import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { act, createOrder, getOrder, type ProblemView } from '../support/order-api.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';

// Purchase orders (orders spec §7.20, §7.5): upload, download, delete and the approval they gate.

let s: TestServer;
let m: Marketplace;

beforeAll(async () => {
  s = await startTestServer();
  m = await makeMarketplace(s.tdb.db, 'Marketplace.Basic', { require_purchase_order_upload: true });
});
afterAll(() => s.close());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const MAX = 10 * 1024 * 1024;

interface AttachmentView {
  attachment: string | null;
  attachment_file_name: string | null;
  abilities: Record<string, { allowed: boolean; reason?: string; message?: string }>;
}

/** A multipart upload as a browser sends it (undici's FormData encoder). */
async function upload(
  uuid: string,
  user: TestUser | undefined,
  file?: Blob,
  name = 'po.pdf',
  field = 'attachment',
  extraHeaders: Record<string, string> = {},
) {
  const form = new FormData();
  if (file) form.append(field, file, name);
  else form.append('note', 'no file');
  const headers: Record<string, string> = {
    ...extraHeaders,
    ...(user ? { authorization: `Token ${user.token}` } : {}),
  };
  const res = await fetch(`${s.url}/api/marketplace-orders/${uuid}/update_attachment/`, {
    method: 'POST',
    headers,
    body: form,
  });
  const text = await res.text();
  return {
    status: res.status,
    text,
    headers: res.headers,
    body: (text ? JSON.parse(text) : undefined) as Record<string, unknown>,
  };
}

const pdfBlob = (data: Buffer = PDF, type = 'application/pdf') => new Blob([new Uint8Array(data)], { type });

/** A new pending-consumer order of the purchase-order offering (created by the project admin). */
async function pendingOrder(): Promise<string> {
  const o = await createOrder(s, m, m.projectAdmin);
  expect(o.state).toBe('pending-consumer');
  return o.uuid;
}

describe('purchase-order attachment', () => {
  it('approval waits for the PDF: the ability says why, upload, download, then approve', async () => {
    const uuid = await pendingOrder();
    const before = (await getOrder(s, uuid, m.owner)) as unknown as AttachmentView;
    expect(before.attachment).toBeNull();
    expect(before.abilities.approve_by_consumer).toEqual({
      allowed: false,
      reason: 'order.purchase_order_required',
      message: 'Purchase order is required for approval.',
    });
    expect(before.abilities.delete_attachment?.allowed).toBe(false);
    expect(before.abilities.update_attachment?.allowed).toBe(true);

    const up = await upload(uuid, m.owner, pdfBlob(), 'PO 42.pdf');
    expect(up.status, up.text).toBe(200);
    const url = `${s.url}/api/marketplace-orders/${uuid}/attachment/`;
    expect(up.body).toEqual({ attachment: url });

    const after = (await getOrder(s, uuid, m.owner)) as unknown as AttachmentView;
    expect(after.attachment).toBe(url);
    expect(after.attachment_file_name).toBe('PO 42.pdf');
    expect(after.abilities.approve_by_consumer).toEqual({ allowed: true });

    for (const user of [m.owner, m.projectAdmin, m.providerOwner, m.offeringManager, m.staff]) {
      const res = await fetch(url, { headers: { authorization: `Token ${user.token}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toContain('PO%2042.pdf');
      expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
    }

    const approved = await act<{ detail: string }>(s, uuid, 'approve_by_consumer', m.owner);
    expect(approved.status, approved.text).toBe(200);
    expect((await getOrder(s, uuid, m.owner)).state).toBe('pending-provider');
    // Still replaceable while the provider reviews; once the order moves on it can no longer change.
    expect((await upload(uuid, m.owner, pdfBlob())).status).toBe(200);
    expect((await act(s, uuid, 'approve_by_provider', m.providerOwner, {})).status).toBe(200);
    const late = await upload(uuid, m.owner, pdfBlob());
    expect([late.status, late.body.code]).toEqual([409, 'order.invalid_state']);
    const kept = await fetch(url, { headers: { authorization: `Token ${m.owner.token}` } });
    expect(kept.status).toBe(200);
  });

  it('replace and delete: the new file wins, delete is 204, a second delete is 404', async () => {
    const uuid = await pendingOrder();
    expect((await upload(uuid, m.projectAdmin, pdfBlob(), 'first.pdf')).status).toBe(200);
    const second = Buffer.concat([PDF, Buffer.from('% second\n')]);
    expect((await upload(uuid, m.owner, pdfBlob(second), 'second.pdf')).status).toBe(200);
    const got = await fetch(`${s.url}/api/marketplace-orders/${uuid}/attachment/`, {
      headers: { authorization: `Token ${m.owner.token}` },
    });
    expect(Buffer.from(await got.arrayBuffer()).equals(second)).toBe(true);

    expect((await act(s, uuid, 'delete_attachment', m.owner)).status).toBe(204);
    const view = (await getOrder(s, uuid, m.owner)) as unknown as AttachmentView;
    expect(view.attachment).toBeNull();
    expect(view.abilities.approve_by_consumer?.allowed).toBe(false);
    expect((await act(s, uuid, 'delete_attachment', m.owner)).status).toBe(404);
    const missing = await fetch(`${s.url}/api/marketplace-orders/${uuid}/attachment/`, {
      headers: { authorization: `Token ${m.owner.token}` },
    });
    expect(missing.status).toBe(404);
    expect((await act(s, uuid, 'approve_by_consumer', m.owner)).status).toBe(400);
  });

  it('role matrix: consumer approvers and the creator upload; provider roles 403; other organizations 404', async () => {
    const uuid = await pendingOrder();
    const expected: [string, TestUser, number][] = [
      ['staff', m.staff, 200],
      ['consumer organization owner', m.owner, 200],
      ['project admin (the creator)', m.projectAdmin, 200],
      ['project manager', m.projectManager, 403],
      ['project member', m.projectMember, 403],
      ['provider owner', m.providerOwner, 403],
      ['offering manager', m.offeringManager, 403],
      ['service provider manager', m.customerManager, 403],
      ['another organization', m.outsider, 404],
    ];
    const got = [];
    for (const [label, user, _] of expected)
      got.push([label, user, (await upload(uuid, user, pdfBlob())).status]);
    expect(got).toEqual(expected);
    expect((await upload(uuid, undefined, pdfBlob())).status).toBe(401);

    const del: [string, TestUser, number][] = [
      ['provider owner', m.providerOwner, 403],
      ['offering manager', m.offeringManager, 403],
      ['another organization', m.outsider, 404],
      ['consumer organization owner', m.owner, 204],
    ];
    const gotDel = [];
    for (const [label, user, _] of del)
      gotDel.push([label, user, (await act(s, uuid, 'delete_attachment', user)).status]);
    expect(gotDel).toEqual(del);

    await upload(uuid, m.owner, pdfBlob());
    const outsider = await fetch(`${s.url}/api/marketplace-orders/${uuid}/attachment/`, {
      headers: { authorization: `Token ${m.outsider.token}` },
    });
    expect(outsider.status).toBe(404);
  });

  it('bad input is a 400 naming the attachment field, never a 5xx', async () => {
    const uuid = await pendingOrder();
    const check = async (r: { status: number; body: unknown; text: string }, code: string) => {
      expect(r.status, r.text).toBe(400);
      const p = r.body as ProblemView;
      expect(p.code).toBe(code);
      expect(p.errors?.[0]?.pointer).toBe('/body/attachment');
      expect(p.detail).toContain('attachment');
    };
    // A PDF content type on something that is not a PDF: the magic bytes decide.
    await check(
      await upload(uuid, m.owner, pdfBlob(Buffer.from('<html>not a pdf</html>'))),
      'order.attachment_not_pdf',
    );
    await check(await upload(uuid, m.owner, pdfBlob(Buffer.alloc(0))), 'order.attachment_empty');
    await check(await upload(uuid, m.owner), 'order.attachment_missing');
    await check(await upload(uuid, m.owner, pdfBlob(), 'po.pdf', 'file'), 'order.attachment_missing');
    const big = Buffer.concat([PDF, Buffer.alloc(MAX)]);
    await check(await upload(uuid, m.owner, pdfBlob(big)), 'order.attachment_too_large');
    // JSON (Waldur's OrderAttachmentRequest) carries no file.
    await check(
      await act(s, uuid, 'update_attachment', m.owner, { attachment: 'po.pdf' }),
      'order.attachment_missing',
    );
    await check(await act(s, uuid, 'update_attachment', m.owner), 'order.attachment_missing');
    const broken = await s.request('POST', `/api/marketplace-orders/${uuid}/update_attachment/`, {
      token: m.owner.token,
      rawBody: '--zz\r\nContent-Disposition: form-data; name="attachment"\r\n\r\n%PDF-1.4',
      headers: { 'content-type': 'multipart/form-data; boundary=zz' },
    });
    await check(broken, 'order.attachment_missing');
    const noBoundary = await s.request('POST', `/api/marketplace-orders/${uuid}/update_attachment/`, {
      token: m.owner.token,
      rawBody: 'x',
      headers: { 'content-type': 'multipart/form-data' },
    });
    await check(noBoundary, 'order.attachment_missing');
    // Far beyond the cap the body itself is refused (413), still a problem document, not a 5xx.
    const huge = await upload(
      uuid,
      m.owner,
      pdfBlob(Buffer.concat([PDF, Buffer.alloc(MAX * 2 + 2 * 1024 * 1024)])),
    );
    expect(huge.status).toBe(413);
    expect((await getOrder(s, uuid, m.owner)).state).toBe('pending-consumer');
  });

  it('an Idempotency-Key replays the same upload and refuses a different file', async () => {
    const uuid = await pendingOrder();
    const key = { 'idempotency-key': `po-${uuid}` };
    const first = await upload(uuid, m.owner, pdfBlob(), 'po.pdf', 'attachment', key);
    expect(first.status, first.text).toBe(200);
    const again = await upload(uuid, m.owner, pdfBlob(), 'po.pdf', 'attachment', key);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = Buffer.concat([PDF, Buffer.from('% other\n')]);
    expect((await upload(uuid, m.owner, pdfBlob(other), 'po.pdf', 'attachment', key)).status).toBe(422);
  });
});
