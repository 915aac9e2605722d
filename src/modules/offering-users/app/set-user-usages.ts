import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { InvalidStateError, ValidationError } from '../../../platform/errors.js';
import { authorize } from '../../identity/app/access.js';
import { Permission } from '../../identity/domain/permissions.js';
import { upsertUserUsage } from '../adapters/pg/user-usage-writes.js';

/** The monthly component usage the per-user amounts belong to. */
export interface ComponentUsageRef {
  id: number;
  offering_id: number;
  provider_customer_id: number;
  resource_state: number;
}

/** One user's amount (`ComponentUserUsageCreateRequest`); `offeringUser` is the resolved `user` link. */
export interface UserUsageItem {
  username: string;
  /** Non-negative decimal string. */
  usage: string;
  offeringUserUuid?: string | undefined;
  date?: Date | undefined;
  description?: string | undefined;
}

const TERMINATED = 6;

/**
 * `POST /api/marketplace-component-usages/{uuid}/set_user_usages/` (and the single `set_user_usage`):
 * the provider's per-user breakdown of a monthly usage. RESOURCE.SET_USAGE on the offering or its
 * organization (403); a terminated resource is a 409. All items or none: an unknown `user` link
 * is a 400 naming the item. A report for a username already recorded replaces its value.
 * Without a `user` link the offering user with that username, if any, is linked.
 */
export async function setUserUsages(
  tx: Tx,
  actor: Actor,
  cu: ComponentUsageRef,
  items: readonly UserUsageItem[],
): Promise<number[]> {
  await authorize(tx, actor, Permission.RESOURCE_SET_USAGE, [
    { type: 'offering', id: cu.offering_id },
    { type: 'customer', id: cu.provider_customer_id },
  ]);
  if (cu.resource_state === TERMINATED)
    throw new InvalidStateError(
      'usage.resource_terminated',
      'Usage cannot be reported for a terminated resource.',
    );
  const accounts = await tx
    .selectFrom('offering_users')
    .select(['id', 'uuid', 'username'])
    .where('offering_id', '=', cu.offering_id)
    .execute();
  const errors = items.flatMap((it, i) =>
    it.offeringUserUuid && !accounts.some((a) => a.uuid === it.offeringUserUuid)
      ? [{ pointer: `/body/usages/${i}/user`, detail: 'Not an offering user of this offering.' }]
      : [],
  );
  if (errors.length) throw new ValidationError('Invalid user usages.', errors, 'user_usage.unknown_user');
  const ids: number[] = [];
  for (const it of items) {
    const account = it.offeringUserUuid
      ? accounts.find((a) => a.uuid === it.offeringUserUuid)
      : accounts.find((a) => a.username === it.username);
    ids.push(
      await upsertUserUsage(tx, {
        component_usage_id: cu.id,
        offering_user_id: account?.id ?? null,
        username: it.username,
        usage: it.usage,
        description: it.description ?? '',
        date: it.date ?? new Date(),
      }),
    );
  }
  return ids;
}
