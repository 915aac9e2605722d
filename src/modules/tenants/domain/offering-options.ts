import { DEFAULT_RESERVED_SLUGS } from './slug.js';

/**
 * `Orderly.Tenant` offering options, read from `plugin_options` (documented in the module README):
 * `base_domain`, `storage` (`schema` | `database`), `admin_console_url_template` and
 * `reserved_slugs`. The plan's `max_amount` is its number of slots (§4).
 */
export interface TenantOfferingOptions {
  baseDomain: string;
  storage: 'schema' | 'database';
  /** Placeholders `{slug}`, `{base_domain}`, `{host}`, `{port}` (the console listener's port). */
  adminConsoleUrlTemplate: string;
  reservedSlugs: readonly string[];
}

/** Where tenants live when the offering names no `base_domain`; `*.localhost` resolves to loopback. */
export const DEFAULT_BASE_DOMAIN = 'tenants.localhost';

/**
 * The console listens on its own port (an ephemeral one unless ORDERLY_TENANT_CONSOLE_PORT is set),
 * so the default carries `{port}`; behind a proxy set `https://{slug}.{base_domain}/admin/`.
 */
export const DEFAULT_CONSOLE_TEMPLATE = 'https://{host}:{port}/admin/';

const DOMAIN = /^(?=.{1,200}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Parses the offering's options; invalid values fall back to the defaults except `base_domain`. */
export function tenantOfferingOptions(pluginOptions: Record<string, unknown>): TenantOfferingOptions {
  const o = pluginOptions;
  const extra = Array.isArray(o.reserved_slugs) ? o.reserved_slugs.filter((s) => typeof s === 'string') : [];
  return {
    baseDomain: typeof o.base_domain === 'string' ? o.base_domain.toLowerCase() : DEFAULT_BASE_DOMAIN,
    storage: o.storage === 'database' ? 'database' : 'schema',
    adminConsoleUrlTemplate:
      typeof o.admin_console_url_template === 'string'
        ? o.admin_console_url_template
        : DEFAULT_CONSOLE_TEMPLATE,
    reservedSlugs: [...DEFAULT_RESERVED_SLUGS, ...extra],
  };
}

/** Whether a base domain is a valid DNS name. */
export function isValidBaseDomain(domain: string): boolean {
  return DOMAIN.test(domain);
}

/** Renders the admin console URL of a tenant. */
export function adminConsoleUrl(
  template: string,
  v: { slug: string; baseDomain: string; port: number },
): string {
  const host = `${v.slug}.${v.baseDomain}`;
  return template
    .replaceAll('{slug}', v.slug)
    .replaceAll('{base_domain}', v.baseDomain)
    .replaceAll('{host}', host)
    .replaceAll('{port}', String(v.port));
}
