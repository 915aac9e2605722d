import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { ValidationError } from '../../../platform/errors.js';
import type { ComponentInput, ComponentRow } from '../adapters/pg/component-repository.js';
import { updateComponentRow } from '../adapters/pg/component-writes.js';
import type { OfferingRow } from '../adapters/pg/offering-repository.js';
import { checkTypeFree } from './component-checks.js';

/** `update_offering_component`: a partial change of one component (Waldur `partial=True`). */
export async function updateComponent(
  tx: Tx,
  _actor: Actor,
  offering: OfferingRow,
  component: ComponentRow,
  changes: Partial<ComponentInput>,
): Promise<void> {
  if (changes.type !== undefined && changes.type !== component.type) {
    await checkTypeFree(tx, offering, changes.type, component.id);
  }
  const min = changes.min_value === undefined ? component.min_value : changes.min_value;
  const max = changes.max_value === undefined ? component.max_value : changes.max_value;
  if (min !== null && max !== null && min > max) {
    throw ValidationError.field(
      '/body/max_value',
      'max_value must not be below min_value.',
      'validation_error',
    );
  }
  await updateComponentRow(tx, component.id, changes);
}
