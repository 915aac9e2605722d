import { hex, objectUrl } from '../../../../platform/http/ids.js';
import type { CustomerRow } from '../pg/customer-repository.js';
import type { ProjectRow } from '../pg/project-repository.js';
import type { presentOrganizationGroup } from './organization-group-presenter.js';

/** Waldur `Customer`; `organizationGroups` are the groups it belongs to, already presented. */
export function presentCustomer(
  base: string,
  c: CustomerRow,
  isServiceProvider: boolean,
  organizationGroups: ReturnType<typeof presentOrganizationGroup>[] = [],
) {
  return {
    url: objectUrl(base, 'customers', c.uuid),
    uuid: hex(c.uuid),
    name: c.name,
    slug: c.slug,
    abbreviation: c.abbreviation,
    native_name: c.native_name,
    email: c.email,
    backend_id: c.backend_id,
    blocked: c.blocked,
    archived: c.archived,
    is_service_provider: isServiceProvider,
    organization_groups: organizationGroups,
    created: c.created.toISOString(),
  };
}

/** Waldur `Project`. */
export function presentProject(base: string, p: ProjectRow) {
  return {
    url: objectUrl(base, 'projects', p.uuid),
    uuid: hex(p.uuid),
    name: p.name,
    slug: p.slug,
    description: p.description,
    customer: objectUrl(base, 'customers', p.customer_uuid),
    customer_uuid: hex(p.customer_uuid),
    customer_name: p.customer_name,
    customer_slug: p.customer_slug,
    start_date: p.start_date,
    end_date: p.end_date,
    backend_id: p.backend_id,
    created: p.created.toISOString(),
  };
}

/** A service provider row joined with its organization. */
export interface ServiceProviderView {
  uuid: string;
  description: string;
  enable_notifications: boolean;
  created: Date;
  customer_uuid: string;
  customer_name: string;
  customer_slug: string;
}

/** Waldur `ServiceProvider`. */
export function presentServiceProvider(base: string, s: ServiceProviderView) {
  return {
    url: objectUrl(base, 'marketplace-service-providers', s.uuid),
    uuid: hex(s.uuid),
    customer: objectUrl(base, 'customers', s.customer_uuid),
    customer_uuid: hex(s.customer_uuid),
    customer_name: s.customer_name,
    customer_slug: s.customer_slug,
    description: s.description,
    enable_notifications: s.enable_notifications,
    created: s.created.toISOString(),
  };
}
