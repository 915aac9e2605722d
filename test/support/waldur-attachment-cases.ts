import type { Case, CaseContext } from './waldur-cases.js';

const orders = '/api/marketplace-orders';
const BOUNDARY = 'orderly-case-boundary';

/** A multipart body with one small PDF in `attachment` (ASCII, so it travels as a string). */
export const PDF_MULTIPART = [
  `--${BOUNDARY}`,
  'Content-Disposition: form-data; name="attachment"; filename="po.pdf"',
  'Content-Type: application/pdf',
  '',
  '%PDF-1.4\n%%EOF',
  `--${BOUNDARY}--`,
  '',
].join('\r\n');

/** Headers of {@link PDF_MULTIPART}. */
export const PDF_MULTIPART_HEADERS = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };

/** A pending-consumer order with a purchase order attached by the consumer owner. */
async function withAttachment(c: CaseContext): Promise<string> {
  const o = await c.newOrder();
  const r = await c.s.request('POST', `${orders}/${o}/update_attachment/`, {
    token: c.m.owner.token,
    rawBody: PDF_MULTIPART,
    headers: PDF_MULTIPART_HEADERS,
  });
  if (r.status !== 200) throw new Error(`update_attachment: ${r.status} ${r.text}`);
  return o;
}

/** The purchase-order actions (run by test/http/waldur-schema.actions.test.ts). */
export const ATTACHMENT_CASES: Case[] = [
  [
    'POST',
    `${orders}/{uuid}/update_attachment/`,
    async (c) => ({
      url: `${orders}/${await c.newOrder()}/update_attachment/`,
      token: c.m.owner.token,
      rawBody: PDF_MULTIPART,
      headers: PDF_MULTIPART_HEADERS,
    }),
  ],
  [
    'POST',
    `${orders}/{uuid}/delete_attachment/`,
    async (c) => ({ url: `${orders}/${await withAttachment(c)}/delete_attachment/`, token: c.m.owner.token }),
  ],
];
