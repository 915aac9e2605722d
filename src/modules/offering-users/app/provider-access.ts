import { type Actor, seesEverything } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { ForbiddenError } from '../../../platform/errors.js';
import { authorize, can } from '../../identity/app/access.js';
import { PROVIDER_PERMISSION, providerScopeIds } from '../adapters/pg/provider-scopes.js';

/** The offering an offering-user operation is about. */
export interface OfferingRef {
  id: number;
  customer_id: number;
}

const scopes = (o: OfferingRef) => [
  { type: 'offering' as const, id: o.id },
  { type: 'customer' as const, id: o.customer_id },
];

/** 403 unless `actor` manages the offering on the provider side (staff, owner, service or offering manager). */
export function authorizeProvider(tx: Tx, actor: Actor, o: OfferingRef): Promise<void> {
  return authorize(tx, actor, PROVIDER_PERMISSION, scopes(o));
}

/**
 * 403 unless `actor` works for the service provider organization: staff and support, or a grant
 * carrying the provider permission on the organization or on one of its offerings.
 */
export async function authorizeServiceProvider(tx: Tx, actor: Actor, customerId: number): Promise<void> {
  if (seesEverything(actor)) return;
  const row = await tx
    .selectFrom('offerings')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('offerings.customer_id', 'in', providerScopeIds(tx, actor.id, 'customer')),
        eb('offerings.id', 'in', providerScopeIds(tx, actor.id, 'offering')),
      ]),
    )
    .where('offerings.customer_id', '=', customerId)
    .limit(1)
    .executeTakeFirst();
  const owner = row ?? (await can(tx, actor, PROVIDER_PERMISSION, [{ type: 'customer', id: customerId }]));
  if (!owner) throw new ForbiddenError();
}

/** 403 unless `actor` manages the provider organization itself (owner or service manager; staff pass). */
export function authorizeProviderOrganization(tx: Tx, actor: Actor, customerId: number): Promise<void> {
  return authorize(tx, actor, PROVIDER_PERMISSION, [{ type: 'customer', id: customerId }]);
}
