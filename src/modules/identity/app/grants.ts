import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { isUniqueViolation } from '../../../platform/db/pg-errors.js';
import { ForbiddenError, ValidationError } from '../../../platform/errors.js';
import { findRoleByName, findUserByUuid } from '../adapters/pg/grant-repository.js';
import {
  type GrantKey,
  insertGrant,
  retireExpiredGrant,
  revokeGrant,
  setGrantExpiration,
} from '../adapters/pg/grant-writes.js';
import { grantRule, MANAGE_PERMISSION, PROVIDER_MANAGE_PERMISSION } from '../domain/grant-policy.js';
import type { Permission, ScopeType } from '../domain/permissions.js';
import { can, consumerCustomer, type Scope } from './access.js';

/** The object a role is granted on, with its organization (for organization-level permission). */
export interface GrantTarget {
  type: ScopeType;
  id: number;
  customerId: number;
  /** A resource's project (consumer side). */
  projectId?: number;
  /** A resource's offering and its organization (provider side). */
  provider?: { offeringId: number; customerId: number };
}

/** `add_user` / `delete_user` body. */
export interface GrantInput {
  role: string;
  user: string;
  expiration_time?: Date | null | undefined;
}

/** First gate of `add_user`/`delete_user`, before the body is read: may the actor manage grants here at all? */
export async function authorizeGrantManagement(tx: Tx, actor: Actor, target: GrantTarget): Promise<void> {
  if (!(await mayManage(tx, actor, MANAGE_PERMISSION[target.type], target))) throw new ForbiddenError();
}

/** Sets a new expiration time on an existing grant (`update_user`); returns the stored one. */
export async function updateGrant(tx: Tx, actor: Actor, target: GrantTarget, input: GrantInput) {
  const { role, user } = await resolve(tx, actor, target, input);
  if (input.expiration_time && input.expiration_time.getTime() <= Date.now()) {
    throw ValidationError.field('/body/expiration_time', 'Expiration time should be in the future.');
  }
  const row = await setGrantExpiration(tx, keyOf(user.id, role.id, target), input.expiration_time ?? null);
  if (!row)
    throw ValidationError.field('/body/user', 'User does not have this role.', 'role.grant_not_found');
  return row;
}

/** Grants `role` to `user` on the target; returns the stored expiration time. */
export async function addGrant(tx: Tx, actor: Actor, target: GrantTarget, input: GrantInput) {
  const { role, user } = await resolve(tx, actor, target, input);
  if (!role.is_active && !actor.isStaff) {
    throw ValidationError.field('/body/role', `Role ${role.name} is not active.`, 'role.inactive');
  }
  if (input.expiration_time && input.expiration_time.getTime() <= Date.now()) {
    throw ValidationError.field('/body/expiration_time', 'Expiration time should be in the future.');
  }
  // An expired grant gives no access, so it must not count as a duplicate: retire it first.
  await retireExpiredGrant(tx, keyOf(user.id, role.id, target));
  try {
    return await insertGrant(tx, {
      user_id: user.id,
      role_id: role.id,
      scope_type: target.type,
      scope_id: target.id,
      expiration_time: input.expiration_time ?? null,
      created_by: actor.id,
    });
  } catch (err) {
    if (isUniqueViolation(err, 'user_roles_one_active')) {
      throw ValidationError.field('/body/user', 'User already has this role.', 'role.duplicate_grant');
    }
    throw err;
  }
}

/** Revokes `role` from `user` on the target (the row stays, inactive, for audit). */
export async function removeGrant(
  tx: Tx,
  actor: Actor,
  target: GrantTarget,
  input: GrantInput,
): Promise<void> {
  const { role, user } = await resolve(tx, actor, target, input);
  if ((await revokeGrant(tx, keyOf(user.id, role.id, target))) === 0) {
    throw ValidationError.field('/body/user', 'User does not have this role.', 'role.grant_not_found');
  }
}

function keyOf(userId: number, roleId: number, target: GrantTarget): GrantKey {
  return { userId, roleId, scopeType: target.type, scopeId: target.id };
}

async function resolve(tx: Tx, actor: Actor, target: GrantTarget, input: GrantInput) {
  const role = await findRoleByName(tx, input.role);
  if (!role)
    throw ValidationError.field('/body/role', `Role ${input.role} does not exist.`, 'role.not_found');
  if (role.content_type !== target.type) {
    throw ValidationError.field(
      '/body/role',
      `Role ${role.name} cannot be granted on a ${target.type}.`,
      'role.wrong_scope',
    );
  }
  const user = await findUserByUuid(tx, input.user);
  if (!user) throw ValidationError.field('/body/user', 'User does not exist.', 'user.not_found');
  const rule = grantRule(role.name, target.type);
  if (rule.staffOnly && !actor.isStaff) {
    throw new ForbiddenError('role.staff_only', `Only staff can manage the ${role.name} role.`);
  }
  const allowed =
    rule.where === 'customer'
      ? await can(tx, actor, rule.permission, [{ type: 'customer', id: target.customerId }])
      : await mayManage(tx, actor, rule.permission, target);
  if (!allowed) {
    throw new ForbiddenError('role.cannot_manage', `You cannot manage the ${role.name} role here.`);
  }
  return { role, user };
}

/** `permission` on the target or its organization; on a resource, also the provider side's permission. */
async function mayManage(tx: Tx, actor: Actor, permission: Permission, t: GrantTarget): Promise<boolean> {
  if (await can(tx, actor, permission, scopesOf(t))) return true;
  if (!t.provider) return false;
  return can(tx, actor, PROVIDER_MANAGE_PERMISSION, [
    { type: 'offering', id: t.provider.offeringId },
    { type: 'customer', id: t.provider.customerId },
  ]);
}

function scopesOf(t: GrantTarget): Scope[] {
  if (t.type === 'customer') return [{ type: 'customer', id: t.id }];
  if (t.type === 'resource' && t.projectId !== undefined) {
    // Consumer side of a resource, as for project grants: provider-side organization roles do not count.
    return [
      { type: 'resource', id: t.id },
      { type: 'project', id: t.projectId },
      consumerCustomer(t.customerId),
    ];
  }
  return [
    { type: t.type, id: t.id },
    { type: 'customer', id: t.customerId },
  ];
}
