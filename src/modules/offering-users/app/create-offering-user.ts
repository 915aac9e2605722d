import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { ValidationError } from '../../../platform/errors.js';
import { insertOfferingUser } from '../adapters/pg/offering-user-writes.js';
import { OfferingUserState } from '../domain/offering-user-state.js';
import { authorizeProvider } from './provider-access.js';

/** The offering and person of a new offering user, already resolved by the route. */
export interface NewOfferingUser {
  offering: {
    id: number;
    customer_id: number;
    plugin_options: Record<string, unknown>;
    secret_options: Record<string, unknown>;
  };
  userId: number;
  username?: string | null | undefined;
}

/**
 * `POST /api/marketplace-offering-users/`: the provider creates an account record for a person.
 * Provider permission on the offering (403); the offering must allow offering users
 * (`service_provider_can_create_offering_user`) and the person must not have one there yet (400).
 * With a username the account is OK at once, without one it waits in Requested.
 */
export async function createOfferingUser(tx: Tx, actor: Actor, input: NewOfferingUser): Promise<string> {
  await authorizeProvider(tx, actor, input.offering);
  const flag = 'service_provider_can_create_offering_user';
  if (input.offering.plugin_options[flag] !== true && input.offering.secret_options[flag] !== true)
    throw ValidationError.field(
      '/body/offering',
      'It is not allowed to create users for this offering.',
      'offering_user.creation_disabled',
    );
  const username = input.username?.trim() ? input.username.trim() : null;
  const row = await insertOfferingUser(tx, {
    offering_id: input.offering.id,
    user_id: input.userId,
    username,
    state: username ? OfferingUserState.OK : OfferingUserState.REQUESTED,
    propagation_date: new Date(),
  });
  if (!row)
    throw ValidationError.field(
      '/body/user',
      'This user already has an offering user for this offering.',
      'offering_user.duplicate',
    );
  return row.uuid;
}
