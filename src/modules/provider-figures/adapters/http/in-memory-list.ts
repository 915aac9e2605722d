import type { ListSource } from '../../../../platform/http/list.js';

/** A list source over rows already read (a short aggregate), so it pages like any other list. */
export function inMemory<R>(rows: R[]): ListSource<R> {
  return {
    count: async () => rows.length,
    rows: async (limit, offset) => rows.slice(offset, offset + limit),
  };
}
