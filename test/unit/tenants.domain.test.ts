import { describe, expect, it } from 'vitest';
import { adminConsoleUrl, tenantOfferingOptions } from '../../src/modules/tenants/domain/offering-options.js';
import { isValidEmail, slugProblem, storageNameOf } from '../../src/modules/tenants/domain/slug.js';
import { publicStateOf, type RunStatus } from '../../src/modules/tenants/domain/statuses.js';
import {
  allowed,
  canTransition,
  InvalidTenantTransitionError,
  isTerminal,
  TENANT_STATES,
  transition,
} from '../../src/modules/tenants/domain/tenant-state.js';

const EDGES = new Set([
  'Provisioning>Active',
  'Provisioning>Failed',
  'Active>Decommissioning',
  'Failed>Provisioning',
  'Failed>Decommissioning',
  'Decommissioning>Decommissioning',
  'Decommissioning>Decommissioned',
]);

describe('the tenant state table (tenant spec §3.2)', () => {
  it.each(TENANT_STATES.flatMap((from) => TENANT_STATES.map((to) => [from, to] as const)))(
    '%s → %s is allowed only if listed',
    (from, to) => {
      const expected = EDGES.has(`${from}>${to}`);
      expect(canTransition(from, to)).toBe(expected);
      if (expected) expect(transition(from, to)).toBe(to);
      else expect(() => transition(from, to)).toThrow(InvalidTenantTransitionError);
    },
  );

  it('creates tenants only in Provisioning, and only Decommissioned is terminal', () => {
    expect(TENANT_STATES.filter((s) => canTransition(null, s))).toEqual(['Provisioning']);
    expect(TENANT_STATES.filter(isTerminal)).toEqual(['Decommissioned']);
    expect(Object.values(allowed).flat()).toHaveLength(EDGES.size);
  });
});

describe('public state from (run kind, run status) (§3.3)', () => {
  const cases: [RunStatus, string, string][] = [
    ['queued', 'Provisioning', 'Decommissioning'],
    ['running', 'Provisioning', 'Decommissioning'],
    ['waiting_retry', 'Provisioning', 'Decommissioning'],
    ['succeeded', 'Active', 'Decommissioned'],
    ['failed', 'Failed', 'Decommissioning'],
    ['reset', 'Failed', 'Decommissioning'],
  ];
  it.each(cases)('%s → %s (provision), %s (decommission)', (status, provision, decommission) => {
    expect(publicStateOf('provision', status)).toBe(provision);
    expect(publicStateOf('decommission', status)).toBe(decommission);
  });
});

describe('slug rules (§2)', () => {
  it.each(['abc', 'acme-1', `a${'b'.repeat(61)}c`])('accepts %s', (slug) =>
    expect(slugProblem(slug)).toBeUndefined(),
  );
  it.each(['ab', '1abc', 'abc-', 'ABC', 'a_b', `a${'b'.repeat(62)}c`, 'www', 'api'])('refuses %s', (slug) =>
    expect(slugProblem(slug)).toBeDefined(),
  );
  it('lets an offering reserve more slugs and names storage after the uuid, never the slug', () => {
    const opts = tenantOfferingOptions({
      reserved_slugs: ['billing'],
      storage: 'database',
      base_domain: 'Example.ORG',
    });
    expect(slugProblem('billing', opts.reservedSlugs)).toBe("Slug 'billing' is reserved.");
    expect(opts).toMatchObject({ storage: 'database', baseDomain: 'example.org' });
    expect(storageNameOf('0a1b2c3d-0000-4000-8000-000000000001')).toBe(
      'tenant_0a1b2c3d000040008000000000000001',
    );
  });
  it('checks e-mail addresses', () => {
    expect(isValidEmail('admin@acme.example')).toBe(true);
    expect(isValidEmail('admin@localhost')).toBe(false);
    expect(isValidEmail('a b@c.d')).toBe(false);
  });
  it('renders the admin console URL from the template', () => {
    const url = adminConsoleUrl(tenantOfferingOptions({}).adminConsoleUrlTemplate, {
      slug: 'acme',
      baseDomain: 'tenants.localhost',
      port: 8443,
    });
    expect(url).toBe('https://acme.tenants.localhost:8443/admin/');
    expect(
      adminConsoleUrl('https://{slug}.{base_domain}/admin/', {
        slug: 'acme',
        baseDomain: 'example.org',
        port: 1,
      }),
    ).toBe('https://acme.example.org/admin/');
  });
});
