import { waitFor } from '../../workflows/helpers.js';
import type { E2E } from './harness.js';

interface Named {
  uuid: string;
  name: string;
}
interface OfferingOut extends Named {
  plans: { uuid: string }[];
}
/** A tenant as the tenant list returns it (the fields the browser tests use). */
export interface TenantOut {
  uuid: string;
  slug: string;
  creation_order_uuid: string;
  admin_console_url: string | null;
}

/** Orders a tenant as Alice for Genomics through the API; returns the order's uuid. */
export async function orderTenant(e2e: E2E, slug: string): Promise<string> {
  const offerings = await e2e.api<OfferingOut[]>(
    'alice',
    'GET',
    '/api/marketplace-public-offerings/?page_size=50',
  );
  const offering = offerings.find((o) => o.name === 'Orderly Tenant');
  const projects = await e2e.api<Named[]>('alice', 'GET', '/api/projects/?page_size=50');
  const project = projects.find((p) => p.name === 'Genomics');
  if (!offering || !project) throw new Error('demo data without the Orderly Tenant offering or Genomics');
  const order = await e2e.api<{ uuid: string }>('alice', 'POST', '/api/marketplace-orders/', {
    project: `${e2e.url}/api/projects/${project.uuid}/`,
    offering: `${e2e.url}/api/marketplace-public-offerings/${offering.uuid}/`,
    plan: `${e2e.url}/api/marketplace-public-offerings/${offering.uuid}/plans/${offering.plans[0]?.uuid}/`,
    attributes: { name: 'Borealis lab', slug, admin_email: `admin@${slug}.example` },
  });
  return order.uuid;
}

/** Waits until the order's tenant row exists (the saga creates it when the order is processed). */
export async function tenantOfOrder(e2e: E2E, slug: string, orderUuid: string): Promise<TenantOut> {
  return waitFor('the tenant row', async () => {
    const l = await e2e.api<TenantOut[]>('staff', 'GET', `/api/tenants/?slug=${slug}`);
    return l.find((t) => t.creation_order_uuid === orderUuid);
  });
}
