import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

/** Waldur's page-size bounds (orders.md §14.1). */
export const DEFAULT_PAGE_SIZE = 10;
/** Larger requests are clamped to this, as Waldur does, rather than refused. */
export const MAX_PAGE_SIZE = 300;

/** `page` and `page_size` query parameters shared by every list. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1).meta({ description: '1-based page number.' }),
  page_size: z.coerce
    .number()
    .int()
    .min(1)
    .default(DEFAULT_PAGE_SIZE)
    .transform((n) => Math.min(n, MAX_PAGE_SIZE))
    .meta({ description: `Items per page (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}).` }),
});

/** A page request, already validated. */
export interface PageRequest {
  page: number;
  page_size: number;
}

/** Row window of a page. */
export function pageWindow(p: PageRequest): { limit: number; offset: number } {
  return { limit: p.page_size, offset: (p.page - 1) * p.page_size };
}

/** Sets `X-Result-Count` and the `Link` header (first/prev/next/last, only those that exist). */
export function setPageHeaders(
  req: FastifyRequest,
  reply: FastifyReply,
  p: PageRequest,
  total: number,
  exact = true,
): void {
  reply.header('X-Result-Count', String(total));
  // Only a bounded count is marked: Waldur's clients never see the header on an exact one.
  if (!exact) reply.header('X-Result-Count-Exact', 'false');
  const last = Math.max(1, Math.ceil(total / p.page_size));
  const url = new URL(req.url, requestBase(req));
  const link = (page: number) => {
    const u = new URL(url);
    // Waldur's first link drops `page`; the others carry it (the client's sync_all reads it from next).
    if (page === 1) u.searchParams.delete('page');
    else u.searchParams.set('page', String(page));
    return u.toString();
  };
  const parts = [`<${link(1)}>; rel="first"`];
  if (p.page > 1) parts.push(`<${link(Math.min(p.page - 1, last))}>; rel="prev"`);
  if (p.page < last) parts.push(`<${link(p.page + 1)}>; rel="next"`);
  if (exact) parts.push(`<${link(last)}>; rel="last"`);
  reply.header('Link', parts.join(', '));
}

/** `<scheme>://<host>` of the request, used for hyperlinks in bodies and headers. */
export function requestBase(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}
