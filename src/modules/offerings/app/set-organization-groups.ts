import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { authorize } from '../../identity/app/access.js';
import { resolveGroupLinks } from '../../identity/app/manage-organization-groups.js';
import { Permission } from '../../identity/domain/permissions.js';
import { replaceGroups } from '../adapters/pg/group-links.js';

/** What organization groups limit: an offering or one of its plans. */
export interface GroupTarget {
  kind: 'offering' | 'plan';
  id: number;
  /** The provider organization. */
  customerId: number;
}

/**
 * Gate of `update_organization_groups` / `delete_organization_groups`: Waldur's `is_owner`, i.e.
 * staff or an owner of the provider organization (CUSTOMER.UPDATE, which only owners hold);
 * service and offering managers are refused.
 */
export function authorizeGroupChange(tx: Tx, actor: Actor, target: GroupTarget): Promise<void> {
  return authorize(tx, actor, Permission.CUSTOMER_UPDATE, [{ type: 'customer', id: target.customerId }]);
}

/** Limits the target to these groups (URLs; an empty list opens it to everyone), replacing the old set. */
export async function setOrganizationGroups(
  tx: Tx,
  _actor: Actor,
  target: GroupTarget,
  links: readonly string[],
): Promise<void> {
  await replaceGroups(tx, target.kind, target.id, await resolveGroupLinks(tx, links, 'organization_groups'));
}

/** Opens the target to everyone again. */
export async function clearOrganizationGroups(tx: Tx, _actor: Actor, target: GroupTarget): Promise<void> {
  await replaceGroups(tx, target.kind, target.id, []);
}
