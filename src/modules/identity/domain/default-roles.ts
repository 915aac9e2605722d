import { Permission as P, RoleName, type ScopeType } from './permissions.js';

/** A role as seeded on first start. */
export interface RoleSeed {
  name: RoleName;
  scope: ScopeType;
  description: string;
  /** Waldur ships CUSTOMER.SUPPORT and PROJECT.MEMBER inactive: staff may grant them, others may not. */
  isActive: boolean;
  permissions: readonly P[];
}

const consumerOrders = [
  P.ORDER_LIST,
  P.ORDER_CREATE,
  P.ORDER_APPROVE_PRIVATE,
  P.ORDER_CANCEL,
  P.ORDER_DESTROY,
];
// What Waldur's shipped permissions.yaml gives project admins and managers on resources.
const consumerResources = [P.RESOURCE_LIST, P.RESOURCE_TERMINATE, P.RESOURCE_SET_PLAN, P.RESOURCE_SET_LIMITS];
// Owner-only in Waldur's file: editing, end dates and option changes.
const ownerResources = [P.RESOURCE_UPDATE, P.RESOURCE_SET_END_DATE, P.RESOURCE_UPDATE_OPTIONS];
const providerResources = [P.RESOURCE_SET_STATE, P.RESOURCE_SET_BACKEND_ID, P.RESOURCE_SET_BACKEND_METADATA];
/**
 * Provider-side order management: Waldur migration 0033 gives these to the service provider manager,
 * the seeds to offering managers on the offerings they manage (orders §9.2); migration 0011 adds them.
 */
export const PROVIDER_ORDER_PERMISSIONS: readonly P[] = [P.ORDER_LIST, P.ORDER_APPROVE, P.ORDER_REJECT];

/**
 * Waldur's shipped defaults (api-contract.md §1, orders.md §9.2), plus the tenancy permissions
 * Orderly checks for its identity endpoints. Changing a row here changes new installations only;
 * running ones edit `role_permissions` through `PATCH /api/roles/{uuid}/`.
 */
export const DEFAULT_ROLES: readonly RoleSeed[] = [
  {
    name: RoleName.CUSTOMER_OWNER,
    scope: 'customer',
    description: 'Organization owner',
    isActive: true,
    permissions: [
      ...consumerOrders,
      P.ORDER_APPROVE,
      P.ORDER_REJECT,
      P.ORDER_SET_CONSUMER_INFO,
      ...consumerResources,
      ...ownerResources,
      ...providerResources,
      P.RESOURCE_SET_USAGE,
      P.RESOURCE_SUBMIT_REPORT,
      P.PROJECT_CREATE,
      P.PROJECT_UPDATE,
      P.PROJECT_DELETE,
      P.PROJECT_CREATE_PERMISSION,
      P.CUSTOMER_UPDATE,
      P.CUSTOMER_CREATE_PERMISSION,
      P.SERVICE_PROVIDER_REGISTER,
      P.OFFERING_CREATE,
      P.OFFERING_CREATE_PLAN,
      P.OFFERING_UPDATE,
      P.OFFERING_CREATE_PERMISSION,
    ],
  },
  {
    name: RoleName.CUSTOMER_MANAGER,
    scope: 'customer',
    description: 'Service provider manager',
    isActive: true,
    permissions: [
      ...PROVIDER_ORDER_PERMISSIONS,
      ...providerResources,
      // Waldur's tests let the service provider manager call set_end_date_by_provider; migration 0015.
      P.RESOURCE_SET_END_DATE,
      P.OFFERING_CREATE,
      P.OFFERING_CREATE_PLAN,
      P.OFFERING_UPDATE,
    ],
  },
  {
    name: RoleName.CUSTOMER_SUPPORT,
    scope: 'customer',
    description: 'Organization support',
    isActive: false,
    permissions: [P.ORDER_LIST, P.RESOURCE_LIST],
  },
  {
    name: RoleName.PROJECT_ADMIN,
    scope: 'project',
    description: 'Project administrator',
    isActive: true,
    permissions: [...consumerOrders, ...consumerResources, P.PROJECT_UPDATE, P.PROJECT_CREATE_PERMISSION],
  },
  {
    name: RoleName.PROJECT_MANAGER,
    scope: 'project',
    description: 'Project manager',
    isActive: true,
    permissions: [...consumerOrders, ...consumerResources, P.PROJECT_UPDATE, P.PROJECT_CREATE_PERMISSION],
  },
  {
    name: RoleName.PROJECT_MEMBER,
    scope: 'project',
    description: 'Project member',
    isActive: false,
    permissions: [P.ORDER_LIST, P.RESOURCE_LIST],
  },
  {
    name: RoleName.OFFERING_MANAGER,
    scope: 'offering',
    description: 'Offering manager',
    isActive: true,
    permissions: [
      ...PROVIDER_ORDER_PERMISSIONS,
      ...providerResources,
      P.RESOURCE_SET_USAGE,
      P.OFFERING_UPDATE,
    ],
  },
  {
    name: RoleName.RESOURCE_MEMBER,
    scope: 'resource',
    description: 'Resource member',
    isActive: true,
    permissions: [P.RESOURCE_LIST],
  },
];
