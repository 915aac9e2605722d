import type { ListSource } from '../db/paging.js';
import { NotFoundError } from '../errors.js';
import { type PageRequest, pageWindow, setPageHeaders } from './pagination.js';
import { pickFields } from './query.js';
import type { HandlerContext, RouteResult } from './route.js';

/** How a list endpoint reads its data (defined beside the query helpers that build one). */
export type { ListSource } from '../db/paging.js';

/**
 * A GET page counts its matches exactly up to this many rows (or to the end of the page asked for,
 * when that is further). Beyond it `X-Result-Count` is `COUNT_BOUND + 1` with
 * `X-Result-Count-Exact: false` and no `last` link: a page of a list with a million matches then
 * costs a few thousand index entries, not a million. `HEAD` (Waldur's count endpoints) always
 * counts exactly.
 */
export const COUNT_BOUND = 10_000;

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
  const { limit, offset } = pageWindow(page);
  const head = ctx.req.method === 'HEAD';
  // Up to the bound, and always one row past this page, so "Invalid page." and `next` stay exact.
  const upTo = Math.max(COUNT_BOUND, offset + limit);
  const total = head ? await source.count() : await source.count(upTo);
  // DRF (and so Waldur) answers a page past the end with 404 "Invalid page."; page 1 always exists.
  if (page.page > 1 && offset >= total) throw new NotFoundError('page', 'Invalid page.');
  setPageHeaders(ctx.req, ctx.reply, page, total, head || total <= upTo);
  if (head) return { status: 200 };
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
