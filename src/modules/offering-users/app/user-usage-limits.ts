import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/database.js';
import { ForbiddenError, ValidationError } from '../../../platform/errors.js';
import { can } from '../../identity/app/access.js';
import type { Actor } from '../../identity/domain/actor.js';
import { Permission } from '../../identity/domain/permissions.js';

/** The resource a per-user limit is about, with the scopes its permissions are checked on. */
export interface LimitResource {
  id: number;
  offering_id: number;
  provider_customer_id: number;
  project_id: number;
  customer_id: number;
}

/**
 * Who may set per-user limits: the consumer side that may change the resource's limits
 * (RESOURCE.SET_LIMITS on the project or its organization) or the provider side that reports its
 * usage (RESOURCE.SET_USAGE on the offering or its organization). Anyone else: 403.
 */
export async function authorizeUserLimits(tx: Tx, actor: Actor, r: LimitResource): Promise<void> {
  const consumer = await can(tx, actor, Permission.RESOURCE_SET_LIMITS, [
    { type: 'project', id: r.project_id },
    { type: 'customer', id: r.customer_id },
  ]);
  if (consumer) return;
  const provider = await can(tx, actor, Permission.RESOURCE_SET_USAGE, [
    { type: 'offering', id: r.offering_id },
    { type: 'customer', id: r.provider_customer_id },
  ]);
  if (!provider) throw new ForbiddenError();
}

/** `POST /api/component-user-usage-limits/`: one limit per (resource, component, offering user); 400 on a second. */
export async function createUserLimit(
  tx: Tx,
  actor: Actor,
  r: LimitResource,
  input: { componentId: number; offeringUserId: number; limit: string },
): Promise<string> {
  await authorizeUserLimits(tx, actor, r);
  const row = await tx
    .insertInto('component_user_usage_limits')
    .values({
      resource_id: r.id,
      component_id: input.componentId,
      offering_user_id: input.offeringUserId,
      limit: input.limit,
    })
    .onConflict((oc) => oc.columns(['resource_id', 'component_id', 'offering_user_id']).doNothing())
    .returning('uuid')
    .executeTakeFirst();
  if (!row)
    throw ValidationError.field(
      '/body/user',
      'This user already has a limit for this component of the resource.',
      'user_limit.duplicate',
    );
  return row.uuid;
}

/** `PATCH/PUT /api/component-user-usage-limits/{uuid}/`: changes the amount. */
export async function updateUserLimit(
  tx: Tx,
  actor: Actor,
  r: LimitResource,
  limitId: number,
  limit: string | undefined,
): Promise<void> {
  await authorizeUserLimits(tx, actor, r);
  if (limit === undefined) return;
  await tx
    .updateTable('component_user_usage_limits')
    .set({ limit, modified: sql<Date>`now()` })
    .where('id', '=', limitId)
    .execute();
}

/** `DELETE /api/component-user-usage-limits/{uuid}/`. */
export async function deleteUserLimit(
  tx: Tx,
  actor: Actor,
  r: LimitResource,
  limitId: number,
): Promise<void> {
  await authorizeUserLimits(tx, actor, r);
  await tx.deleteFrom('component_user_usage_limits').where('id', '=', limitId).execute();
}
