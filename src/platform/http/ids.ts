import { z } from 'zod';
import { ValidationError } from '../errors.js';

const HEX32 = /^[0-9a-fA-F]{32}$/;
const DASHED = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Canonical (dashed, lowercase) form of a UUID given hex or dashed, or undefined when malformed. */
export function normalizeUuid(input: string): string | undefined {
  if (DASHED.test(input)) return input.toLowerCase();
  if (HEX32.test(input)) {
    const h = input.toLowerCase();
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  return undefined;
}

/** Waldur renders ids as 32 hex digits (`uuid.hex`). */
export function hex(uuid: string): string {
  return uuid.replace(/-/g, '');
}

/**
 * A UUID in a request: Waldur's client sends dashed ids, hyperlinks carry hex ones; both are
 * accepted case-insensitively (api-contract §0.3) and come out dashed for PostgreSQL.
 */
export const UuidInput = z
  .string()
  .transform((s, ctx) => {
    const n = normalizeUuid(s.trim());
    if (!n) {
      ctx.addIssue({ code: 'custom', message: 'Must be a valid UUID.' });
      return z.NEVER;
    }
    return n;
  })
  .meta({ description: 'UUID, 32 hex digits or dashed form.', type: 'string' });

/** Path parameters of a detail route. */
export const UuidParams = z.object({ uuid: UuidInput });

/**
 * Resolves a hyperlink field (`…/api/<collection>/<uuid>/`) by its path, ignoring scheme and host.
 * Throws a field validation error naming `/body/<field>` when the link does not point into `collection`.
 */
export function uuidFromHyperlink(value: string, collection: string, field: string): string {
  let pathname = value;
  try {
    pathname = new URL(value, 'http://x').pathname;
  } catch {
    // Not a URL at all: fall through to the match below, which fails with a clear message.
  }
  const m = pathname.match(new RegExp(`/api/${collection}/([^/]+)/?$`));
  const id = m?.[1] ? normalizeUuid(m[1]) : undefined;
  if (!id) {
    throw ValidationError.field(
      `/body/${field}`,
      `Invalid hyperlink - Object does not exist or is not a /api/${collection}/ link.`,
      'invalid_hyperlink',
    );
  }
  return id;
}

/** Absolute URL of an object: `<base>/api/<collection>/<hex uuid>/`. */
export function objectUrl(base: string, collection: string, uuid: string): string {
  return `${base}/api/${collection}/${hex(uuid)}/`;
}
