import { hex, objectUrl } from '../../../../platform/http/ids.js';
import { planRefs, projectRefs } from '../../../../platform/http/marketplace-refs.js';
import { presentDrift } from '../../../drift/api.js';
import type { OfferingType } from '../../../offerings/domain/offering-type.js';
import type { presentOrder } from '../../../orders/api.js';
import type { Ability } from '../../../orders/domain/types.js';
import { resourceStateFromCode } from '../../domain/resource-state.js';
import { terminatingGuidance } from '../../domain/terminating-guidance.js';
import type { ResourceRecord } from '../pg/resource-query.js';

/** An order as nested in a resource (the full `OrderDetails`, with the caller's order abilities). */
export type NestedOrder = ReturnType<typeof presentOrder>;

/** What the presenter needs besides the row. */
export interface ResourcePresentation {
  /** Collection of the view the resource was read through (its `url` points there). */
  collection: string;
  abilities: Record<string, Ability>;
  canTerminate: boolean;
  orderInProgress: NestedOrder | null;
  creationOrder: NestedOrder | null;
  /** Staff and support see `error_traceback` (§7.4 rule, applied to resources as well). */
  privileged: boolean;
}

/**
 * Waldur `Resource` (api-contract §5) plus Orderly's `abilities` (§17 d) and, for a resource stuck
 * in Terminating, the seed 001 `guidance` with the recovery paths of its offering type.
 */
export function presentResource(base: string, rec: ResourceRecord, p: ResourcePresentation) {
  const offeringUuid = hex(rec.offering_uuid);
  const state = resourceStateFromCode(rec.state);
  return {
    url: objectUrl(base, p.collection, rec.uuid),
    uuid: hex(rec.uuid),
    name: rec.name,
    slug: rec.slug,
    description: rec.description,
    state,
    backend_id: rec.backend_id,
    effective_id: rec.effective_id,
    offering: objectUrl(base, 'marketplace-public-offerings', rec.offering_uuid),
    offering_uuid: offeringUuid,
    offering_name: rec.offering_name,
    offering_slug: rec.offering_slug,
    offering_type: rec.offering_type,
    offering_plugin_options: rec.offering_plugin_options,
    ...planRefs(base, rec),
    ...projectRefs(base, rec),
    attributes: rec.attributes,
    limits: rec.limits,
    options: rec.options,
    backend_metadata: rec.backend_metadata,
    current_usages: rec.current_usages,
    endpoints: rec.endpoints as Record<string, unknown>[],
    cost: rec.cost,
    end_date: rec.end_date,
    error_message: rec.error_message,
    error_traceback: p.privileged ? rec.error_traceback : '',
    created: rec.created.toISOString(),
    modified: rec.modified.toISOString(),
    last_sync: rec.last_sync.toISOString(),
    can_terminate: p.canTerminate,
    order_in_progress: p.orderInProgress,
    creation_order: p.creationOrder,
    restrict_member_access: rec.restrict_member_access,
    paused: rec.paused,
    downscaled: rec.downscaled,
    abilities: p.abilities,
    guidance: terminatingGuidance(state, rec.offering_type as OfferingType),
    drift: presentDrift(rec.drift),
  };
}
