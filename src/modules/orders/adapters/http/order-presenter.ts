import { hex, objectUrl } from '../../../../platform/http/ids.js';
import { planRefs, projectRefs } from '../../../../platform/http/marketplace-refs.js';
import type { OfferingType } from '../../../offerings/domain/offering-type.js';
import { orderCanTerminate } from '../../domain/abilities.js';
import { orderStateFromCode } from '../../domain/order-state.js';
import { orderTypeFromCode } from '../../domain/order-type.js';
import type { Ability } from '../../domain/types.js';
import type { OrderRecord } from '../pg/order-query.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The `order_subtype` of UPDATE orders (orders spec §2.1). */
function subtype(rec: OrderRecord): string | null {
  if (rec.type !== 2) return null;
  const a = rec.attributes;
  if (a.action === 'renew') return 'renew';
  if ('old_limits' in a) return 'update_limits';
  if ('new_options' in a) return 'update_options';
  return 'plan_switch';
}

/**
 * Waldur `OrderDetails` plus Orderly's `abilities` and `attempt_count`. `error_traceback` is shown to
 * staff and support only (§7.4).
 */
export function presentOrder(
  base: string,
  rec: OrderRecord,
  abilities: Record<string, Ability>,
  privileged: boolean,
) {
  const offeringUuid = hex(rec.offering_uuid);
  return {
    url: objectUrl(base, 'marketplace-orders', rec.uuid),
    uuid: hex(rec.uuid),
    created: rec.created.toISOString(),
    modified: rec.modified.toISOString(),
    state: orderStateFromCode(rec.state),
    type: orderTypeFromCode(rec.type),
    offering: objectUrl(base, 'marketplace-public-offerings', rec.offering_uuid),
    offering_uuid: offeringUuid,
    offering_name: rec.offering_name,
    offering_type: rec.offering_type,
    offering_plugin_options: rec.offering_plugin_options,
    ...planRefs(base, rec),
    attributes: rec.attributes,
    limits: rec.limits,
    marketplace_resource_uuid: hex(rec.resource_uuid),
    resource_uuid: hex(rec.resource_uuid),
    resource_name: rec.resource_name,
    resource_type: rec.offering_type,
    ...projectRefs(base, rec),
    cost: rec.cost,
    error_message: rec.error_message,
    error_traceback: privileged ? rec.error_traceback : '',
    error_updated_at: iso(rec.error_updated_at),
    completed_at: iso(rec.completed_at),
    created_by_username: rec.created_by_username ?? null,
    created_by_full_name: rec.created_by_full_name,
    consumer_reviewed_by: rec.consumer_reviewed_by_username ?? null,
    consumer_reviewed_by_full_name: rec.consumer_reviewed_by_full_name,
    consumer_reviewed_at: iso(rec.consumer_reviewed_at),
    provider_reviewed_by: rec.provider_reviewed_by_username ?? null,
    provider_reviewed_by_full_name: rec.provider_reviewed_by_full_name,
    provider_reviewed_at: iso(rec.provider_reviewed_at),
    consumer_rejection_comment: rec.consumer_rejection_comment,
    provider_rejection_comment: rec.provider_rejection_comment,
    termination_comment: rec.termination_comment,
    request_comment: rec.request_comment,
    callback_url: rec.callback_url,
    start_date: rec.start_date,
    backend_id: rec.backend_id,
    slug: rec.slug,
    output: rec.output,
    can_terminate: orderCanTerminate({
      state: orderStateFromCode(rec.state),
      offeringType: rec.offering_type as OfferingType,
    }),
    order_subtype: subtype(rec),
    // The snapshot survives the rule's deletion (the rule link is SET NULL), so it decides (§5.5).
    auto_approved: rec.auto_approved_cost_limit_snapshot !== null || rec.auto_approved_by_rule_id !== null,
    auto_approved_by_rule_uuid: rec.auto_approved_by_rule_uuid ? hex(rec.auto_approved_by_rule_uuid) : null,
    auto_approved_cost_limit_snapshot: rec.auto_approved_cost_limit_snapshot,
    attempt_count: rec.attempt_count,
    provider_message: rec.provider_message,
    provider_message_url: rec.provider_message_url,
    consumer_message: rec.consumer_message,
    // Waldur renders the file's URL; Orderly's is the download route, which checks visibility.
    attachment:
      rec.attachment_name === null ? null : `${objectUrl(base, 'marketplace-orders', rec.uuid)}attachment/`,
    attachment_file_name: rec.attachment_name,
    abilities,
  };
}
