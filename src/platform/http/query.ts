import { type ZodRawShape, type ZodType, z } from 'zod';
import { PageQuery } from './pagination.js';

/** A repeatable query parameter (`state=a&state=b`): always an array after parsing. */
export function multi<T extends ZodType>(item: T) {
  return z
    .union([item, z.array(item)])
    .transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[])
    .optional();
}

/** `field=` sparse fieldsets (repeatable) accepted by every list and retrieve. */
export const FieldQuery = z.object({
  field: multi(z.string().max(100)).meta({ description: 'Return only these fields (repeatable).' }),
});

/** Query of a list: page, page size, fields, and the list's own filters. */
export function listQuery<S extends ZodRawShape>(shape: S) {
  return PageQuery.extend(FieldQuery.shape).extend(shape);
}

/** Keeps only the requested fields of an object (or all of them when none are asked for). */
export function pickFields<T extends object>(obj: T, fields: readonly string[] | undefined): Partial<T> | T {
  if (!fields || fields.length === 0) return obj;
  const out: Record<string, unknown> = {};
  for (const f of fields) if (f in obj) out[f] = (obj as Record<string, unknown>)[f];
  return out as Partial<T>;
}

/** `'true'`/`'false'` query flag → boolean. */
export const BoolFlag = z
  .enum(['true', 'false', 'True', 'False', '1', '0'])
  .transform((v) => v === 'true' || v === 'True' || v === '1');
