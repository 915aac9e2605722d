import { type SelectQueryBuilder, sql } from 'kysely';

/** `count(*)` of a filtered query (its selections and ordering are dropped). */
export async function countRows<D, T extends keyof D, O>(q: SelectQueryBuilder<D, T, O>): Promise<number> {
  // Generic builders lose the selection's key type, so read the single column by position.
  const row: Record<string, unknown> = await q
    .clearSelect()
    .clearOrderBy()
    .select(sql<string>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(Object.values(row)[0]);
}

/** How a list endpoint reads its data: a count and a window of rows, both with the same filters. */
export interface ListSource<R> {
  count(): Promise<number>;
  rows(limit: number, offset: number): Promise<R[]>;
}

/** A list over a filtered query: its exact count, and the window `page` orders and reads. */
export function queryList<D, T extends keyof D, O, R>(
  q: SelectQueryBuilder<D, T, O>,
  page: (q: SelectQueryBuilder<D, T, O>, limit: number, offset: number) => Promise<R[]>,
): ListSource<R> {
  return { count: () => countRows(q), rows: (limit, offset) => page(q, limit, offset) };
}
