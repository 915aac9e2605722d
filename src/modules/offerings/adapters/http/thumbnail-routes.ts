import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../../../platform/errors.js';
import { objectUrl, UuidParams } from '../../../../platform/http/ids.js';
import { MultipartError, multipartBoundary, parseMultipart } from '../../../../platform/http/multipart.js';
import { addRoute } from '../../../../platform/http/route.js';
import { checkOfferingEditable } from '../../app/component-checks.js';
import { deleteThumbnail } from '../../app/delete-thumbnail.js';
import { setThumbnail } from '../../app/set-thumbnail.js';
import { authorizeOfferingUpdate } from '../../app/update-offering.js';
import { THUMBNAIL_FIELD, THUMBNAIL_MAX_BYTES } from '../../domain/thumbnail.js';
import { findOffering, visiblePublicOfferings } from '../pg/offering-repository.js';
import { findThumbnail } from '../pg/thumbnail-repository.js';
import { loadProviderOffering } from './offering-loaders.js';

const tags = ['marketplace-provider-offerings'];
const PATH = '/api/marketplace-provider-offerings/:uuid/';

/** Documents the multipart body; the handler reads the raw body after the object checks. */
const UploadBody = z.object({
  [THUMBNAIL_FIELD]: z
    .string()
    .meta({ format: 'binary', description: 'PNG, JPEG, GIF or WebP, at most 1 MiB.' }),
});

/** The `thumbnail` part of a multipart body, or undefined when there is none. */
function uploaded(req: FastifyRequest): Buffer | undefined {
  const boundary = multipartBoundary(req.headers['content-type']);
  if (!boundary || !Buffer.isBuffer(req.body)) return undefined;
  try {
    return parseMultipart(req.body, boundary).find((p) => p.name === THUMBNAIL_FIELD)?.data;
  } catch (err) {
    if (!(err instanceof MultipartError)) throw err;
    throw ValidationError.field(
      `/body/${THUMBNAIL_FIELD}`,
      `Malformed multipart body (${err.message}).`,
      'thumbnail.missing',
    );
  }
}

/** An offering's thumbnail: upload (multipart), delete, and the image for whoever sees the offering. */
export function thumbnailRoutes(app: FastifyInstance): void {
  app.register(async (scope) => {
    // Room for a file somewhat over the cap, so it gets the 400 naming the field; larger is a 413.
    const bodyLimit = THUMBNAIL_MAX_BYTES * 2 + 64 * 1024;
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit }, (_req, body, done) =>
      done(null, body),
    );
    addRoute(scope, {
      method: 'POST',
      url: `${PATH}update_thumbnail/`,
      operationId: 'marketplace_provider_offerings_update_thumbnail',
      summary: 'Upload or replace the offering thumbnail (OFFERING.UPDATE; multipart `thumbnail`)',
      tags,
      params: UuidParams,
      body: UploadBody,
      consumes: ['multipart/form-data'],
      responses: { 200: z.object({ thumbnail: z.string() }) },
      load: (tx, ctx) => loadProviderOffering(tx, ctx.actor, ctx.params.uuid),
      check: async (tx, ctx, o) => authorizeOfferingUpdate(tx, ctx.actor, o),
      run: async (tx, ctx, o) => {
        checkOfferingEditable(o);
        await setThumbnail(tx, ctx.actor, o, uploaded(ctx.req));
        return {
          status: 200,
          body: { thumbnail: `${objectUrl(ctx.base, 'marketplace-public-offerings', o.uuid)}thumbnail/` },
        };
      },
    });
  });

  addRoute(app, {
    method: 'POST',
    url: `${PATH}delete_thumbnail/`,
    operationId: 'marketplace_provider_offerings_delete_thumbnail',
    summary: 'Remove the offering thumbnail (OFFERING.UPDATE)',
    tags,
    params: UuidParams,
    responses: { 204: null },
    load: (tx, ctx) => loadProviderOffering(tx, ctx.actor, ctx.params.uuid),
    check: async (tx, ctx, o) => authorizeOfferingUpdate(tx, ctx.actor, o),
    run: async (tx, ctx, o) => {
      checkOfferingEditable(o);
      await deleteThumbnail(tx, ctx.actor, o);
      return { status: 204 };
    },
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/marketplace-public-offerings/:uuid/thumbnail/',
    operationId: 'marketplace_public_offerings_thumbnail_retrieve',
    summary: 'The offering thumbnail image, for whoever sees the offering in the catalogue',
    tags: ['marketplace-public-offerings'],
    params: UuidParams,
    responses: { 200: z.string().meta({ format: 'binary', description: 'The image.' }) },
    run: async (tx, ctx) => {
      const o = await findOffering(visiblePublicOfferings(tx, ctx.actor), ctx.params.uuid);
      const image = o && (await findThumbnail(tx, o.id));
      if (!image) throw new NotFoundError('thumbnail');
      return {
        status: 200,
        body: image.data,
        headers: {
          'content-type': image.contentType,
          'x-content-type-options': 'nosniff',
          'content-security-policy': "default-src 'none'",
          'cache-control': 'private, max-age=300',
          etag: `"${image.sha256}"`,
        },
      };
    },
  });
}
