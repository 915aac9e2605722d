import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { ValidationError } from '../../../platform/errors.js';
import { EventType } from '../../audit/domain/event-types.js';
import { createResourceOrder } from '../../orders/app/create-resource-order.js';
import { mergeResourceOptions } from '../adapters/pg/resource-repository.js';
import { lockResource, requireResourceState } from './lock-resource.js';
import { recordResourceEvent } from './resource-events.js';

/** What update_options did: created an UPDATE order, or changed the options directly. */
export type UpdateOptionsResult = { kind: 'order'; orderUuid: string } | { kind: 'direct'; status: string };

/** Keys the offering declares in `resource_options.options` (§2.4); undefined when none are declared. */
function declaredKeys(resourceOptions: Record<string, unknown>): Set<string> | undefined {
  const options = resourceOptions.options;
  if (typeof options !== 'object' || options === null) return undefined;
  const keys = Object.keys(options);
  return keys.length ? new Set(keys) : undefined;
}

/**
 * `update_options` (orders spec §8): new option values are checked against the offering's declared
 * resource options (400). With `plugin_options.create_orders_on_resource_option_change` an UPDATE
 * order `{old_options, new_options}` is created (its completion merges them, §11.3); otherwise the
 * options are merged into the resource at once.
 */
export async function updateOptions(
  tx: Tx,
  actor: Actor,
  resourceId: number,
  input: { options: Record<string, unknown>; reason?: string | undefined },
): Promise<UpdateOptionsResult> {
  const f = await tx
    .selectFrom('resources as r')
    .innerJoin('offerings as f', 'f.id', 'r.offering_id')
    .select(['f.plugin_options', 'f.resource_options', 'r.options'])
    .where('r.id', '=', resourceId)
    .executeTakeFirstOrThrow();
  const declared = declaredKeys(f.resource_options);
  if (declared) {
    const errors = Object.keys(input.options)
      .filter((k) => !declared.has(k))
      .map((k) => ({ pointer: `/body/options/${k}`, detail: `${k} is not an option of this offering.` }));
    if (errors.length) throw new ValidationError('Invalid options.', errors, 'resource.invalid_options');
  }
  if (f.plugin_options.create_orders_on_resource_option_change === true) {
    const order = await createResourceOrder(tx, actor, resourceId, {
      reason: input.reason,
      type: 'Update',
      attributes: { old_options: f.options, new_options: input.options },
    });
    return { kind: 'order', orderUuid: order.row.uuid };
  }
  const r = await lockResource(tx, resourceId);
  requireResourceState(r, 'update_options');
  await mergeResourceOptions(tx, resourceId, input.options);
  await recordResourceEvent(tx, r, {
    type: EventType.RESOURCE_UPDATE_SUCCEEDED,
    message: `Resource ${r.row.name} options have been updated.`,
    actor,
    reason: input.reason,
    context: { old_options: r.row.options, new_options: input.options },
  });
  return { kind: 'direct', status: 'Resource options have been updated.' };
}
