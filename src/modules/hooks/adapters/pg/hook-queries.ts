import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';

/**
 * Hooks `actor` may see and manage: their own; staff see every hook (to switch off a runaway one).
 * Support does not: a hook carries its owner's destination and is no audit data.
 */
export function visibleHooks(tx: Tx, actor: Actor) {
  const q = tx
    .selectFrom('hooks as h')
    .innerJoin('users as u', 'u.id', 'h.user_id')
    .leftJoin('customers as c', 'c.id', 'h.customer_id')
    .leftJoin('projects as p', 'p.id', 'h.project_id')
    .leftJoin('offerings as o', 'o.id', 'h.offering_id')
    .select([
      'h.id',
      'h.uuid',
      'h.destination_url',
      'h.event_types',
      'h.description',
      'h.is_active',
      'h.created',
      'h.modified',
      'u.uuid as author_uuid',
      'u.username as author_username',
      'c.uuid as customer_uuid',
      'p.uuid as project_uuid',
      'o.uuid as offering_uuid',
    ]);
  return actor.isStaff ? q : q.where('h.user_id', '=', actor.id);
}

/** A hook as its routes show it. */
export type HookRecord = Awaited<ReturnType<ReturnType<typeof visibleHooks>['executeTakeFirstOrThrow']>>;

/** A visible hook by uuid. */
export function findVisibleHook(tx: Tx, actor: Actor, uuid: string): Promise<HookRecord | undefined> {
  return visibleHooks(tx, actor).where('h.uuid', '=', uuid).executeTakeFirst();
}

/** The delivery log of one hook, with the uuid of the delivery each replay repeats. */
export function deliveriesOf(tx: Tx, hookId: number) {
  return tx
    .selectFrom('hook_deliveries as d')
    .leftJoin('hook_deliveries as r', 'r.id', 'd.replay_of')
    .selectAll('d')
    .select('r.uuid as replay_of_uuid')
    .where('d.hook_id', '=', hookId);
}

/** A delivery as its routes show it. */
export type DeliveryRecord = Awaited<ReturnType<ReturnType<typeof deliveriesOf>['executeTakeFirstOrThrow']>>;

/** Active hooks of active users, with what the fan-out needs to build their owners' visibility. */
export function activeHooksWithOwners(tx: Tx) {
  return tx
    .selectFrom('hooks as h')
    .innerJoin('users as u', 'u.id', 'h.user_id')
    .select(['h.id', 'h.event_types', 'h.customer_id', 'h.project_id', 'h.offering_id', 'h.since_tx'])
    .select(['u.id as user_id', 'u.uuid as user_uuid', 'u.username', 'u.is_staff', 'u.is_support'])
    .where('h.is_active', '=', true)
    .where('u.is_active', '=', true)
    .execute();
}
