import type { ListSource } from '../db/paging.js';
import { NotFoundError } from '../errors.js';
import { type PageRequest, pageWindow, setPageHeaders } from './pagination.js';
import { pickFields } from './query.js';
import type { HandlerContext, RouteResult } from './route.js';

/** How a list endpoint reads its data (defined beside the query helpers that build one). */
export type { ListSource } from '../db/paging.js';

/**
 * Answers a list request Waldur's way: a bare array, `X-Result-Count`, `Link`, and for `HEAD` the
 * count alone (the rows query is skipped). `field=` picks a sparse fieldset.
 */
export async function respondList<R, O extends object>(
  ctx: HandlerContext<unknown, PageRequest & { field?: string[] | undefined }, unknown>,
  source: ListSource<R>,
  present: (row: R) => O,
): Promise<RouteResult> {
  const page: PageRequest = { page: ctx.query.page, page_size: ctx.query.page_size };
  const total = await source.count();
  // DRF (and so Waldur) answers a page past the end with 404 "Invalid page."; page 1 always exists.
  if (page.page > 1 && (page.page - 1) * page.page_size >= total)
    throw new NotFoundError('page', 'Invalid page.');
  setPageHeaders(ctx.req, ctx.reply, page, total);
  if (ctx.req.method === 'HEAD') return { status: 200 };
  const { limit, offset } = pageWindow(page);
  const rows = total === 0 ? [] : await source.rows(limit, offset);
  return { status: 200, body: sparse(ctx, rows.map(present)) };
}

/** Applies `field=` to a body (object or array); the reply then skips the full-shape schema. */
export function sparse<T>(
  ctx: HandlerContext<unknown, { field?: string[] | undefined }, unknown>,
  body: T,
): T {
  const fields = ctx.query.field;
  if (!fields || fields.length === 0) return body;
  ctx.reply.serializer((b: unknown) => JSON.stringify(b));
  if (Array.isArray(body)) return body.map((o: object) => pickFields(o, fields)) as T;
  return pickFields(body as object, fields) as T;
}
