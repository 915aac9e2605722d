import { Permission, RoleName, type ScopeType } from './permissions.js';

/** Where the granter's permission is looked up, relative to the scope being granted on. */
export type GranterScope = 'scope-or-customer' | 'customer';

/** Who may grant a role: staff only, or holders of a permission on the scope and/or its organization. */
export interface GrantRule {
  staffOnly: boolean;
  permission: Permission;
  where: GranterScope;
}

/** The permission that manages grants on each kind of scope. */
export const MANAGE_PERMISSION: Record<ScopeType, Permission> = {
  customer: Permission.CUSTOMER_CREATE_PERMISSION,
  project: Permission.PROJECT_CREATE_PERMISSION,
  offering: Permission.OFFERING_CREATE_PERMISSION,
  // As for project grants on the consumer side; the provider side is checked by `PROVIDER_MANAGE_PERMISSION`.
  resource: Permission.PROJECT_CREATE_PERMISSION,
};

/** The permission, on the offering or its organization, that also manages grants on a resource. */
export const PROVIDER_MANAGE_PERMISSION: Permission = Permission.OFFERING_UPDATE;

/**
 * Grant rules by role. Waldur's defaults: only staff make organization owners
 * (`OWNERS_CAN_MANAGE_OWNERS` is off); project managers are appointed at organization level;
 * project admins and managers may add admins and members.
 */
const RULES: Partial<Record<string, GrantRule>> = {
  [RoleName.CUSTOMER_OWNER]: {
    staffOnly: true,
    permission: Permission.CUSTOMER_CREATE_PERMISSION,
    where: 'customer',
  },
  [RoleName.PROJECT_MANAGER]: {
    staffOnly: false,
    permission: Permission.PROJECT_CREATE_PERMISSION,
    where: 'customer',
  },
};

/** The rule for granting `role` on a scope of `type` (roles without a special rule use the scope's permission). */
export function grantRule(role: string, type: ScopeType): GrantRule {
  return RULES[role] ?? { staffOnly: false, permission: MANAGE_PERMISSION[type], where: 'scope-or-customer' };
}
