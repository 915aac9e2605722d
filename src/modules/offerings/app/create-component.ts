import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import {
  type ComponentInput,
  type ComponentRow,
  insertComponents,
} from '../adapters/pg/component-repository.js';
import type { OfferingRow } from '../adapters/pg/offering-repository.js';
import { checkTypeFree } from './component-checks.js';

/** `create_offering_component` (after authorizeComponentChange and checkOfferingEditable). */
export async function createComponent(
  tx: Tx,
  _actor: Actor,
  offering: OfferingRow,
  input: ComponentInput,
): Promise<ComponentRow> {
  await checkTypeFree(tx, offering, input.type);
  const [row] = await insertComponents(tx, offering.id, [input]);
  if (!row) throw new Error('component insert returned no row');
  return row;
}
