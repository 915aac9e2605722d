import type { Tx } from '../../../platform/db/database.js';
import { authorize, can } from '../../identity/app/access.js';
import type { Actor } from '../../identity/domain/actor.js';
import { PROVIDER_PERMISSION } from '../adapters/pg/provider-scopes.js';

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

/** Whether `actor` manages the offering on the provider side. */
export function isProvider(tx: Tx, actor: Actor, o: OfferingRef): Promise<boolean> {
  return can(tx, actor, PROVIDER_PERMISSION, scopes(o));
}
