/**
 * The closed set of permission strings (Waldur's spelling, spec orders.md §9.1) and the role names.
 * The role → permission mapping itself is data (table `role_permissions`), seeded from
 * {@link DEFAULT_ROLE_PERMISSIONS} and editable by staff.
 */

/** Every permission Orderly checks. */
export const Permission = {
  /** See the orders of a project or organization. */
  ORDER_LIST: 'ORDER.LIST',
  /** Create orders in a project. */
  ORDER_CREATE: 'ORDER.CREATE',
  /** Approve orders for private offerings. */
  ORDER_APPROVE_PRIVATE: 'ORDER.APPROVE_PRIVATE',
  /** Approve orders (consumer side on the project/customer; provider side on the offering/its customer). */
  ORDER_APPROVE: 'ORDER.APPROVE',
  /** Reject orders. */
  ORDER_REJECT: 'ORDER.REJECT',
  /** Delete pending orders. */
  ORDER_DESTROY: 'ORDER.DESTROY',
  /** Cancel orders. */
  ORDER_CANCEL: 'ORDER.CANCEL',
  /** Answer provider messages on an order. */
  ORDER_SET_CONSUMER_INFO: 'ORDER.SET_CONSUMER_INFO',
  /** See resources. */
  RESOURCE_LIST: 'RESOURCE.LIST',
  /** Edit a resource's name and description. */
  RESOURCE_UPDATE: 'RESOURCE.UPDATE',
  /** Request termination. */
  RESOURCE_TERMINATE: 'RESOURCE.TERMINATE',
  /** Change a resource's end date. */
  RESOURCE_SET_END_DATE: 'RESOURCE.SET_END_DATE',
  /** Switch a resource's plan. */
  RESOURCE_SET_PLAN: 'RESOURCE.SET_PLAN',
  /** Change a resource's limits. */
  RESOURCE_SET_LIMITS: 'RESOURCE.SET_LIMITS',
  /** Record the backend id (provider side). */
  RESOURCE_SET_BACKEND_ID: 'RESOURCE.SET_BACKEND_ID',
  /** Record backend metadata (provider side). */
  RESOURCE_SET_BACKEND_METADATA: 'RESOURCE.SET_BACKEND_METADATA',
  /** Set a resource's state (provider side). */
  RESOURCE_SET_STATE: 'RESOURCE.SET_STATE',
  /** Report usage (provider side). */
  RESOURCE_SET_USAGE: 'RESOURCE.SET_USAGE',
  /** Change a resource's options. */
  RESOURCE_UPDATE_OPTIONS: 'RESOURCE.UPDATE_OPTIONS',
  /** Submit a resource report. */
  RESOURCE_SUBMIT_REPORT: 'RESOURCE.SUBMIT_REPORT',
  /** Create projects in an organization. */
  PROJECT_CREATE: 'PROJECT.CREATE',
  /** Edit a project. */
  PROJECT_UPDATE: 'PROJECT.UPDATE',
  /** Delete (soft) a project. */
  PROJECT_DELETE: 'PROJECT.DELETE',
  /** Grant and revoke project roles. */
  PROJECT_CREATE_PERMISSION: 'PROJECT.CREATE_PERMISSION',
  /** Edit an organization. */
  CUSTOMER_UPDATE: 'CUSTOMER.UPDATE',
  /** Grant and revoke organization roles. */
  CUSTOMER_CREATE_PERMISSION: 'CUSTOMER.CREATE_PERMISSION',
  /** Register the organization as a service provider. */
  SERVICE_PROVIDER_REGISTER: 'SERVICE_PROVIDER.REGISTER',
  /** Create offerings of the organization. */
  OFFERING_CREATE: 'OFFERING.CREATE',
  /** Create plans of the organization's offerings. */
  OFFERING_CREATE_PLAN: 'OFFERING.CREATE_PLAN',
  /** Edit, pause or archive an offering. */
  OFFERING_UPDATE: 'OFFERING.UPDATE',
  /** Grant and revoke offering roles. */
  OFFERING_CREATE_PERMISSION: 'OFFERING.CREATE_PERMISSION',
} as const;

/** A permission string. */
export type Permission = (typeof Permission)[keyof typeof Permission];

/** All permission strings, for validation of staff edits. */
export const ALL_PERMISSIONS: readonly Permission[] = Object.values(Permission);

/** Whether `s` is a known permission string. */
export function isPermission(s: string): s is Permission {
  return (ALL_PERMISSIONS as readonly string[]).includes(s);
}

/** The object kinds a role is granted on. */
export type ScopeType = 'customer' | 'project' | 'offering' | 'resource';

/** Built-in role names (Waldur's). */
export const RoleName = {
  /** Organization owner. */
  CUSTOMER_OWNER: 'CUSTOMER.OWNER',
  /** Service provider manager of the organization. */
  CUSTOMER_MANAGER: 'CUSTOMER.MANAGER',
  /** Organization support (inactive by default). */
  CUSTOMER_SUPPORT: 'CUSTOMER.SUPPORT',
  /** Project administrator. */
  PROJECT_ADMIN: 'PROJECT.ADMIN',
  /** Project manager. */
  PROJECT_MANAGER: 'PROJECT.MANAGER',
  /** Project member (inactive by default). */
  PROJECT_MEMBER: 'PROJECT.MEMBER',
  /** Offering manager. */
  OFFERING_MANAGER: 'OFFERING.MANAGER',
  /** Holder of a role on one resource (Waldur's resource `add_user`): sees that resource. */
  RESOURCE_MEMBER: 'RESOURCE.MEMBER',
} as const;

/** A built-in role name. */
export type RoleName = (typeof RoleName)[keyof typeof RoleName];

/**
 * Roles granted on an organization that act only for its service provider. Waldur grants the
 * service provider manager on the ServiceProvider object, so its order permissions (migration
 * `0033_service_provider_manager_orders`) never reach the organization's own projects: consumer-side
 * checks on an organization ignore these roles.
 */
export const PROVIDER_SIDE_ROLES: readonly RoleName[] = [RoleName.CUSTOMER_MANAGER];
