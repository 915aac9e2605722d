import { sql } from 'kysely';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { ACTIVE } from '../../../platform/db/literals.js';
import { type Permission, PROVIDER_SIDE_ROLES } from '../domain/permissions.js';
import type { Scope } from './access.js';

/** The permissions an actor holds on a set of scopes, fetched once for many checks. */
export interface PermissionSet {
  /** Whether the actor holds `permission` on any of `scopes` (staff: always). */
  has(permission: Permission, scopes: readonly Scope[]): boolean;
}

const key = (p: string, s: Scope) => `${p}|${s.type}|${s.id}|${s.consumer === true}`;

/**
 * Loads, in one query, every permission the actor holds on the given scopes, so that the abilities
 * of a whole page of orders or resources cost one round trip instead of one per action and object.
 */
export async function loadPermissionSet(
  tx: Tx,
  actor: Actor,
  scopes: readonly Scope[],
): Promise<PermissionSet> {
  if (actor.isStaff) return { has: () => true };
  const unique = [...new Map(scopes.map((s) => [`${s.type}|${s.id}`, s])).values()];
  const held = new Set<string>();
  if (unique.length > 0) {
    const rows = await tx
      .selectFrom('user_roles as ur')
      .innerJoin('role_permissions as rp', 'rp.role_id', 'ur.role_id')
      .innerJoin('roles as r', 'r.id', 'ur.role_id')
      .select(['rp.permission', 'ur.scope_type', 'ur.scope_id', 'r.name as role'])
      .where('ur.user_id', '=', actor.id)
      .where('ur.is_active', '=', ACTIVE)
      .where((eb) =>
        eb.or([eb('ur.expiration_time', 'is', null), eb('ur.expiration_time', '>', sql<Date>`now()`)]),
      )
      .where((eb) =>
        eb.or(unique.map((s) => eb.and([eb('ur.scope_type', '=', s.type), eb('ur.scope_id', '=', s.id)]))),
      )
      .execute();
    for (const r of rows) {
      const scope = { type: r.scope_type, id: r.scope_id };
      held.add(key(r.permission, scope));
      // A consumer-side check on an organization ignores its provider-side roles.
      if (!(PROVIDER_SIDE_ROLES as readonly string[]).includes(r.role)) {
        held.add(key(r.permission, { ...scope, consumer: true }));
      }
    }
  }
  return { has: (permission, list) => list.some((s) => held.has(key(permission, s))) };
}
