import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../../../platform/db/database.js';
import { objectUrl, UuidParams } from '../../../../platform/http/ids.js';
import { MultipartError, multipartBoundary, parseMultipart } from '../../../../platform/http/multipart.js';
import { addRoute } from '../../../../platform/http/route.js';
import { deleteOrderAttachment } from '../../app/delete-attachment.js';
import { loadOrderAttachment } from '../../app/load-attachment.js';
import { loadAbilityInput } from '../../app/order-facts.js';
import { updateOrderAttachment } from '../../app/update-attachment.js';
import { assertOrderAction } from '../../domain/abilities.js';
import {
  ATTACHMENT_FIELD,
  AttachmentErrorCode,
  attachmentError,
  checkPurchaseOrderFile,
  type UploadedFile,
} from '../../domain/attachment.js';
import { loadVisibleOrder } from './order-context.js';
import { AttachmentOut } from './order-schemas.js';

/** What the attachment routes need: the database and the largest accepted file. */
export interface AttachmentRouteDeps {
  db: Db;
  /** Largest accepted PDF in bytes (`ORDERLY_ORDER_ATTACHMENT_MAX_BYTES`). */
  maxBytes: number;
}

const tags = ['marketplace-orders'];

/** Documents the multipart body; the handler reads the raw body itself after the object checks. */
const UploadBody = z.object({
  [ATTACHMENT_FIELD]: z.string().meta({ format: 'binary', description: 'The purchase order (PDF).' }),
});

/** The `attachment` file of a multipart request body, or undefined when there is none. */
function uploadedFile(req: FastifyRequest): UploadedFile | undefined {
  const boundary = multipartBoundary(req.headers['content-type']);
  if (!boundary || !Buffer.isBuffer(req.body)) return undefined;
  try {
    const part = parseMultipart(req.body, boundary).find((p) => p.name === ATTACHMENT_FIELD);
    return part ? { filename: part.filename, data: part.data } : undefined;
  } catch (err) {
    if (err instanceof MultipartError) {
      throw attachmentError(
        AttachmentErrorCode.MISSING,
        `attachment: malformed multipart body (${err.message}).`,
      );
    }
    throw err;
  }
}

/** `Content-Disposition` that survives any file name (RFC 6266 `filename*`). */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * The purchase-order file of an order (orders spec §7.20): upload (multipart, PDF checked by its
 * magic bytes, size capped), delete, and download for whoever may see the order (404 otherwise).
 * Registered in their own scope, so only these routes accept `multipart/form-data`.
 */
export function orderAttachmentRoutes(app: FastifyInstance, deps: AttachmentRouteDeps): void {
  app.register(async (scope) => {
    // Room for a file somewhat over the cap, so it gets the 400 naming the field; larger is a 413.
    const bodyLimit = deps.maxBytes * 2 + 1024 * 1024;
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit }, (_req, body, done) =>
      done(null, body),
    );

    addRoute(scope, {
      method: 'POST',
      url: '/api/marketplace-orders/:uuid/update_attachment/',
      operationId: 'marketplace_orders_update_attachment',
      summary: 'Upload or replace the purchase order (multipart `attachment`, a PDF)',
      tags,
      params: UuidParams,
      body: UploadBody,
      consumes: ['multipart/form-data'],
      responses: { 200: AttachmentOut },
      load: (tx, ctx) => loadVisibleOrder(tx, ctx.actor, ctx.params.uuid),
      check: async (tx, ctx, rec) =>
        assertOrderAction('update_attachment', await loadAbilityInput(tx, rec, ctx.actor)),
      run: async (tx, ctx, rec) => {
        const file = checkPurchaseOrderFile(uploadedFile(ctx.req), deps.maxBytes);
        await updateOrderAttachment(tx, ctx.actor, rec.id, file);
        const url = `${objectUrl(ctx.base, 'marketplace-orders', rec.uuid)}attachment/`;
        return { status: 200, body: { attachment: url } };
      },
    });
  });

  addRoute(app, {
    method: 'POST',
    url: '/api/marketplace-orders/:uuid/delete_attachment/',
    operationId: 'marketplace_orders_delete_attachment',
    summary: 'Remove the purchase order',
    tags,
    params: UuidParams,
    responses: { 204: null },
    load: (tx, ctx) => loadVisibleOrder(tx, ctx.actor, ctx.params.uuid),
    check: async (tx, ctx, rec) =>
      assertOrderAction('delete_attachment', await loadAbilityInput(tx, rec, ctx.actor)),
    run: async (tx, ctx, rec) => {
      await deleteOrderAttachment(tx, ctx.actor, rec.id);
      return { status: 204 };
    },
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/marketplace-orders/:uuid/attachment/',
    operationId: 'marketplace_orders_attachment_retrieve',
    summary: 'Download the purchase order (PDF) of an order you may see',
    tags,
    params: UuidParams,
    responses: { 200: z.string().meta({ format: 'binary', description: 'The PDF file.' }) },
    load: (tx, ctx) => loadVisibleOrder(tx, ctx.actor, ctx.params.uuid),
    run: async (tx, _ctx, rec) => {
      const file = await loadOrderAttachment(tx, rec.id);
      return {
        status: 200,
        body: file.data,
        headers: {
          'content-type': file.contentType,
          'content-disposition': disposition(file.fileName),
          'x-content-type-options': 'nosniff',
          'cache-control': 'private, no-store',
          etag: `"${file.sha256}"`,
        },
      };
    },
  });
}
