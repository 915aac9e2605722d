/** A DNS label of 3–63 characters: lower-case letter first, letter or digit last (tenant spec §2). */
export const SLUG_PATTERN = /^[a-z][a-z0-9-]{1,61}[a-z0-9]$/;

/** Slugs no tenant may take (an offering adds more with `plugin_options.reserved_slugs`). */
export const DEFAULT_RESERVED_SLUGS: readonly string[] = [
  'admin',
  'api',
  'www',
  'mail',
  'smtp',
  'ftp',
  'ns1',
  'ns2',
  'status',
  'docs',
  'console',
  'static',
  'assets',
  'auth',
  'login',
];

/** Why a slug is refused, or undefined when it is acceptable (uniqueness is checked elsewhere). */
export function slugProblem(
  slug: string,
  reserved: readonly string[] = DEFAULT_RESERVED_SLUGS,
): string | undefined {
  if (!SLUG_PATTERN.test(slug)) {
    return 'Slug must be 3–63 characters of lower-case letters, digits and hyphens, start with a letter and end with a letter or digit.';
  }
  if (reserved.includes(slug)) return `Slug '${slug}' is reserved.`;
  return undefined;
}

// A pragmatic address check: one @, no spaces, a dotted domain (RFC 5322 in full is not the point).
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Whether an admin e-mail address is acceptable. */
export function isValidEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

/** Database-safe name of a tenant's storage and role: `tenant_<uuid hex>` (never the slug, §4). */
export function storageNameOf(tenantUuid: string): string {
  return `tenant_${tenantUuid.replace(/-/g, '')}`;
}

/** The tenant's host name. */
export function hostOf(slug: string, baseDomain: string): string {
  return `${slug}.${baseDomain}`;
}
