import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { InvalidStateError } from '../../../platform/errors.js';
import type { ComponentRow } from '../adapters/pg/component-repository.js';
import { componentIsUsed, deleteComponentRow } from '../adapters/pg/component-writes.js';

/**
 * `remove_offering_component`: refused (409) while a resource holds a limit or a usage of it;
 * otherwise the component goes, with its prices in every plan.
 */
export async function removeComponent(tx: Tx, _actor: Actor, component: ComponentRow): Promise<void> {
  if (await componentIsUsed(tx, component)) {
    throw new InvalidStateError(
      'offering.component_in_use',
      `The component ${component.name} cannot be removed because it is already used`,
    );
  }
  await deleteComponentRow(tx, component.id);
}
