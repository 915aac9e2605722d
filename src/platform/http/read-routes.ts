import type { FastifyInstance } from 'fastify';
import { type ZodType, z } from 'zod';
import type { Tx } from '../db/database.js';
import { NotFoundError } from '../errors.js';
import { UuidParams } from './ids.js';
import { type ListSource, respondList, sparse } from './list.js';
import type { PageRequest } from './pagination.js';
import { FieldQuery } from './query.js';
import { addRoute, type HandlerContext } from './route.js';

// The two read shapes almost every collection has (a paged list, a retrieve by uuid), declared once
// so each module states only what differs: where the rows come from and how one is presented.

/** What a read route documents: path, operation id, summary, tags. */
interface ReadShape {
  url: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** Reachable without a token. */
  public?: boolean;
}

type ListQueryOut = PageRequest & { field?: string[] | undefined };

/** A paged list: `query` (built with `listQuery`) filters, `source` reads, `present` shapes a row. */
export interface ListRouteSpec<Q extends ZodType<ListQueryOut>, P extends ZodType, R> extends ReadShape {
  query: Q;
  params?: P;
  /** The schema of one row. */
  out: ZodType;
  source(tx: Tx, ctx: HandlerContext<z.output<P>, z.output<Q>, unknown>): ListSource<R>;
  present(ctx: HandlerContext<z.output<P>, z.output<Q>, unknown>, row: R): object;
}

/** Registers `GET url`: a Waldur page (bare array, `X-Result-Count`, `Link`, `HEAD`, `field=`). */
export function listRoute<Q extends ZodType<ListQueryOut>, R, P extends ZodType = ZodType<unknown>>(
  app: FastifyInstance,
  spec: ListRouteSpec<Q, P, R>,
): void {
  const { out, source, present, ...shape } = spec;
  addRoute(app, {
    ...shape,
    method: 'GET',
    responses: { 200: z.array(out) },
    run: (tx, ctx) => respondList(ctx, source(tx, ctx), (row) => present(ctx, row)),
  });
}

type RetrieveCtx<P extends ZodType> = HandlerContext<z.output<P>, z.output<typeof FieldQuery>, unknown>;

/** A retrieve: `load` finds the object through its visibility query (404), `present` shapes it. */
export interface RetrieveRouteSpec<P extends ZodType, O> extends ReadShape {
  /** Path parameters; `{uuid}` when omitted. */
  params?: P;
  out: ZodType;
  /** Accept `field=` sparse fieldsets (default); `false` for Orderly-only objects documented without. */
  fields?: boolean;
  load(tx: Tx, ctx: RetrieveCtx<P>): Promise<O>;

  present(tx: Tx, ctx: RetrieveCtx<P>, obj: O): unknown;
}

/** Registers `GET url` answering one object, with `field=` sparse fieldsets unless `fields: false`. */

export function retrieveRoute<O, P extends ZodType = typeof UuidParams>(
  app: FastifyInstance,
  spec: RetrieveRouteSpec<P, O>,
): void {
  const { out, load, present, params, fields, ...shape } = spec;
  const withFields = fields !== false;
  addRoute(app, {
    ...shape,
    method: 'GET',
    params: (params ?? UuidParams) as P,
    ...(withFields ? { query: FieldQuery } : {}),
    responses: { 200: out },
    load,
    run: async (tx, ctx, obj) => {
      const body = await present(tx, ctx, obj);
      return { status: 200, body: withFields ? sparse(ctx, body) : body };
    },
  });
}

/** The object a lookup found, or 404 naming it (`what`: the problem's object type, e.g. `project`). */
export async function orNotFound<T>(lookup: Promise<T | undefined | null>, what: string): Promise<T> {
  const found = await lookup;
  if (found === undefined || found === null) throw new NotFoundError(what);
  return found;
}
