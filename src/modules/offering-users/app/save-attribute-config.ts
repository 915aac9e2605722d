import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { authorize } from '../../identity/app/access.js';
import { Permission } from '../../identity/domain/permissions.js';
import { findAttributeConfig } from '../adapters/pg/attribute-config-repository.js';
import { saveAttributeConfigRow } from '../adapters/pg/offering-user-writes.js';
import { type ExposeFlags, resolveFlags } from '../domain/attribute-config.js';
import type { OfferingRef } from './provider-access.js';

/** 403 unless `actor` may edit the offering (OFFERING.UPDATE on it or its organization). */
export const authorizeAttributeConfigEdit = (tx: Tx, actor: Actor, o: OfferingRef) =>
  authorize(tx, actor, Permission.OFFERING_UPDATE, [
    { type: 'offering', id: o.id },
    { type: 'customer', id: o.customer_id },
  ]);

/**
 * `POST/PUT/PATCH …/update-user-attribute-config/`: OFFERING.UPDATE on the offering or its
 * organization (403). PATCH keeps the flags it does not name; POST and PUT start from the default.
 */
export async function saveAttributeConfig(
  tx: Tx,
  actor: Actor,
  o: OfferingRef,
  changes: Partial<ExposeFlags>,
  merge: boolean,
): Promise<void> {
  await authorizeAttributeConfigEdit(tx, actor, o);
  const current = await findAttributeConfig(tx, o.id);
  const base = merge ? resolveFlags(current?.flags) : resolveFlags(undefined);
  const flags = JSON.stringify({ ...base, ...changes });
  await saveAttributeConfigRow(tx, o.id, flags);
}
