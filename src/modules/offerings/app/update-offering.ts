import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { ValidationError } from '../../../platform/errors.js';
import { authorize, type Scope } from '../../identity/app/access.js';
import { Permission } from '../../identity/domain/permissions.js';
import type { OfferingRow } from '../adapters/pg/offering-repository.js';
import { updateOfferingRow } from '../adapters/pg/offering-writes.js';
import { supports } from '../domain/capabilities.js';
import { isOfferingType, type OfferingType } from '../domain/offering-type.js';
import { checkPluginOptions } from '../domain/plugin-options.js';
import { checkSecretOptionsWriter } from './create-offering.js';

/** Editable fields of an offering (`PATCH`). */
export interface OfferingChanges {
  name?: string | undefined;
  description?: string | undefined;
  options?: Record<string, unknown> | undefined;
  plugin_options?: Record<string, unknown> | undefined;
  resource_options?: Record<string, unknown> | undefined;
  secret_options?: Record<string, unknown> | undefined;
  shared?: boolean | undefined;
  billable?: boolean | undefined;
}

/** The scopes an offering permission is checked on: the offering itself and its organization. */
export function offeringScopes(o: Pick<OfferingRow, 'id' | 'customer_id'>): Scope[] {
  return [
    { type: 'offering', id: o.id },
    { type: 'customer', id: o.customer_id },
  ];
}

/** Gate of offering edits, checked before the body is read (403 before 400). */
export function authorizeOfferingUpdate(tx: Tx, actor: Actor, offering: OfferingRow): Promise<void> {
  return authorize(tx, actor, Permission.OFFERING_UPDATE, offeringScopes(offering));
}

/** Applies a PATCH (after {@link authorizeOfferingUpdate}); `secret_options` stays staff-only. */
export async function updateOffering(
  tx: Tx,
  actor: Actor,
  offering: OfferingRow,
  changes: OfferingChanges,
): Promise<void> {
  checkSecretOptionsWriter(actor, changes.secret_options);
  checkPluginOptions(offering.type, changes.plugin_options);
  // Kysely leaves keys whose value is undefined out of the SET list: absent fields stay as they are.
  await updateOfferingRow(tx, offering.id, changes);
}

/**
 * `update_type`: swaps between the swappable types only (Waldur `SWAPPABLE_OFFERING_TYPES`:
 * Basic ↔ Slurm), since other types run different processors for the same resources.
 */
export async function updateOfferingType(tx: Tx, offering: OfferingRow, type: OfferingType): Promise<void> {
  const from = offering.type;
  if (!isOfferingType(from) || !supports(from, 'swappable') || !supports(type, 'swappable')) {
    throw ValidationError.field(
      '/body/type',
      `Offering type can only be changed between Marketplace.Basic and Marketplace.Slurm (from ${from} to ${type}).`,
      'offering.type_not_swappable',
    );
  }
  await updateOfferingRow(tx, offering.id, { type });
}
