import { consumerCustomer, type Scope } from '../../identity/app/access.js';
import type { ScopeIds, ScopePath } from '../domain/scopes.js';

/**
 * The scope a path points at for one order or resource (orders spec §6 permission paths), shared by
 * both modules' checks. The project's organization is its consumer side; the offering's
 * organization and its service provider are one organization here, where every organization role
 * counts.
 */
export function scopeOf(rec: ScopeIds, path: ScopePath): Scope {
  switch (path) {
    case 'project':
      return { type: 'project', id: rec.project_id };
    case 'project.customer':
      return consumerCustomer(rec.customer_id);
    case 'offering':
      return { type: 'offering', id: rec.offering_id };
    case 'offering.customer':
    case 'offering.customer.serviceprovider':
      return { type: 'customer', id: rec.provider_customer_id };
  }
}
