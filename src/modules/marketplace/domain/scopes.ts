/** A scope path a permission is checked on (Waldur `permission_factory` paths, orders spec §6). */
export type ScopePath =
  | 'project'
  | 'project.customer'
  | 'offering'
  | 'offering.customer'
  | 'offering.customer.serviceprovider';

/** The ids an order or a resource record carries for its scopes (both name them alike). */
export interface ScopeIds {
  project_id: number;
  customer_id: number;
  offering_id: number;
  provider_customer_id: number;
}
