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
