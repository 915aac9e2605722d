import { sql } from 'kysely';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { ACTIVE } from '../../../platform/db/literals.js';
import { ForbiddenError, ValidationError } from '../../../platform/errors.js';
import { ORDER_STATE_CODES } from '../domain/order-state.js';

/** What the create-time offering rules read. */
export interface CreateRuleContext {
  actor: Actor;
  projectId: number;
  customerId: number;
  offeringId: number;
  pluginOptions: Record<string, unknown>;
  attributes: Record<string, unknown>;
}

const field = (name: string, detail: string, code: string) =>
  ValidationError.field(`/body/${name}`, detail, code);

/** Live role names of the project's team (grants on the project). */
async function teamRoles(tx: Tx, projectId: number) {
  return tx
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', 'r.id', 'ur.role_id')
    .select(['ur.user_id', 'r.name'])
    .where('ur.scope_type', '=', 'project')
    .where('ur.scope_id', '=', projectId)
    .where('ur.is_active', '=', ACTIVE)
    .where((eb) =>
      eb.or([eb('ur.expiration_time', 'is', null), eb('ur.expiration_time', '>', sql<Date>`now()`)]),
    )
    .execute();
}

/**
 * The offering's `plugin_options` rules applied when a resource is ordered (orders spec §2.4, §7.1):
 * `restricted_to_roles` (403 unless the creator holds one of the roles on the project or its
 * organization; staff pass), `maximal_resource_count_per_project`, `minimal_team_count_for_provisioning`,
 * `required_team_role_for_provisioning` and `unique_resource_per_attribute` (400).
 */
export async function checkCreateRules(tx: Tx, c: CreateRuleContext): Promise<void> {
  const o = c.pluginOptions;
  const restricted = Array.isArray(o.restricted_to_roles) ? o.restricted_to_roles.map(String) : [];
  if (restricted.length > 0 && !c.actor.isStaff) {
    const held = await tx
      .selectFrom('user_roles as ur')
      .innerJoin('roles as r', 'r.id', 'ur.role_id')
      .select('r.name')
      .where('ur.user_id', '=', c.actor.id)
      .where('ur.is_active', '=', ACTIVE)
      .where((eb) =>
        eb.or([
          eb.and([eb('ur.scope_type', '=', 'project'), eb('ur.scope_id', '=', c.projectId)]),
          eb.and([eb('ur.scope_type', '=', 'customer'), eb('ur.scope_id', '=', c.customerId)]),
        ]),
      )
      .execute();
    if (!held.some((r) => restricted.includes(r.name))) {
      throw new ForbiddenError(
        'order.offering_restricted',
        `Ordering this offering is restricted to: ${restricted.join(', ')}.`,
      );
    }
  }
  const live = tx
    .selectFrom('resources')
    .where('project_id', '=', c.projectId)
    .where('offering_id', '=', c.offeringId)
    .where('state', '!=', ORDER_STATE_CODES.rejected);
  if (typeof o.maximal_resource_count_per_project === 'number') {
    const n = Number((await live.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    if (n >= o.maximal_resource_count_per_project) {
      throw field(
        'project',
        `The project already has the maximum of ${o.maximal_resource_count_per_project} resources of this offering.`,
        'order.max_resources_reached',
      );
    }
  }
  if (
    typeof o.minimal_team_count_for_provisioning === 'number' ||
    typeof o.required_team_role_for_provisioning === 'string'
  ) {
    const team = await teamRoles(tx, c.projectId);
    const size = new Set(team.map((t) => t.user_id)).size;
    if (
      typeof o.minimal_team_count_for_provisioning === 'number' &&
      size < o.minimal_team_count_for_provisioning
    ) {
      throw field(
        'project',
        `The project team must have at least ${o.minimal_team_count_for_provisioning} members to order this offering.`,
        'order.team_too_small',
      );
    }
    const role = o.required_team_role_for_provisioning;
    if (typeof role === 'string' && !team.some((t) => t.name === role)) {
      throw field(
        'project',
        `The project team must include a ${role} to order this offering.`,
        'order.team_role_missing',
      );
    }
  }
  const attr = o.unique_resource_per_attribute;
  if (typeof attr === 'string' && c.attributes[attr] !== undefined) {
    const dup = await live
      .select('id')
      .where(sql<string>`attributes->>${attr}`, '=', String(c.attributes[attr]))
      .executeTakeFirst();
    if (dup)
      throw field(
        `attributes/${attr}`,
        `A resource with this ${attr} already exists in the project.`,
        'order.duplicate_attribute',
      );
  }
}
