import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import type { OfferingRow } from '../adapters/pg/offering-repository.js';
import { updateOfferingRow } from '../adapters/pg/offering-writes.js';

/** Fields the offering's `update_*` actions write (each action sends its own slice). */
export interface OfferingFieldChanges {
  category_id?: number | undefined;
  name?: string | undefined;
  description?: string | undefined;
  full_description?: string | undefined;
  privacy_policy_link?: string | undefined;
  helpdesk_url?: string | undefined;
  documentation_url?: string | undefined;
  access_url?: string | undefined;
  getting_started?: string | undefined;
  integration_guide?: string | undefined;
  options?: Record<string, unknown> | undefined;
  resource_options?: Record<string, unknown> | undefined;
  attributes?: Record<string, unknown> | undefined;
  latitude?: number | undefined;
  longitude?: number | undefined;
}

/**
 * `update_description`, `update_overview`, `update_options`, `update_resource_options`,
 * `update_attributes`, `update_location` (after authorizeOfferingUpdate and checkOfferingEditable).
 */
export async function updateOfferingFields(
  tx: Tx,
  _actor: Actor,
  offering: OfferingRow,
  changes: OfferingFieldChanges,
): Promise<void> {
  // Kysely leaves undefined keys out of the SET list: fields an action does not send stay.
  await updateOfferingRow(tx, offering.id, changes);
}
