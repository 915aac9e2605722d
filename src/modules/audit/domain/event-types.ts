/**
 * Event types written to the audit log: Waldur's (orders spec §12.1) plus Orderly's own. The type
 * strings are API contract: webhooks and feeds filter on them.
 */
export const EventType = {
  /** Order entered EXECUTING (approved, auto-approved, started). */
  ORDER_APPROVED: 'marketplace_order_approved',
  /** Order rejected by consumer or provider. */
  ORDER_REJECTED: 'marketplace_order_rejected',
  /** Order done. */
  ORDER_COMPLETED: 'marketplace_order_completed',
  /** Order canceled. */
  ORDER_TERMINATED: 'marketplace_order_terminated',
  /** Order erred. */
  ORDER_FAILED: 'marketplace_order_failed',
  /** An approval that left the order waiting (provider review, start date): Orderly's own. */
  ORDER_REVIEW_APPROVED: 'marketplace_order_review_approved',
  /** Order row removed by staff. */
  ORDER_UNLINKED: 'marketplace_order_unlinked',
  /** Resource requested through a CREATE or RESTORE order (§17 b). */
  RESOURCE_CREATE_REQUESTED: 'marketplace_resource_create_requested',
  /** Resource created. */
  RESOURCE_CREATE_SUCCEEDED: 'marketplace_resource_create_succeeded',
  /** Resource creation failed. */
  RESOURCE_CREATE_FAILED: 'marketplace_resource_create_failed',
  /** Resource creation canceled. */
  RESOURCE_CREATE_CANCELED: 'marketplace_resource_create_canceled',
  /** UPDATE order created (§17 b). */
  RESOURCE_UPDATE_REQUESTED: 'marketplace_resource_update_requested',
  /** Resource updated. */
  RESOURCE_UPDATE_SUCCEEDED: 'marketplace_resource_update_succeeded',
  /** Resource update failed. */
  RESOURCE_UPDATE_FAILED: 'marketplace_resource_update_failed',
  /** Resource update canceled. */
  RESOURCE_UPDATE_CANCELED: 'marketplace_resource_update_canceled',
  /** Limits updated. */
  RESOURCE_UPDATE_LIMITS_SUCCEEDED: 'marketplace_resource_update_limits_succeeded',
  /** TERMINATE order created (§17 b). */
  RESOURCE_TERMINATE_REQUESTED: 'marketplace_resource_terminate_requested',
  /** Resource terminated. */
  RESOURCE_TERMINATE_SUCCEEDED: 'marketplace_resource_terminate_succeeded',
  /** Termination failed. */
  RESOURCE_TERMINATE_FAILED: 'marketplace_resource_terminate_failed',
  /** Termination canceled. */
  RESOURCE_TERMINATE_CANCELED: 'marketplace_resource_terminate_canceled',
  /** Provider marked the resource erred (set_as_erred). */
  RESOURCE_ERRED_ON_BACKEND: 'marketplace_resource_erred_on_backend',
  /** Resource row removed by staff. */
  RESOURCE_UNLINKED: 'marketplace_resource_unlinked',
  /** Provider set the resource state by hand (set_as_ok, set_state_ok): Orderly's own. */
  RESOURCE_STATE_SET: 'marketplace_resource_state_set',
  /** Agent bookkeeping (backend id, limits, metadata, endpoints): Orderly's own. */
  RESOURCE_BACKEND_UPDATED: 'marketplace_resource_backend_updated',
  /** Name or description edited (PUT/PATCH): Orderly's own. */
  RESOURCE_DETAILS_UPDATED: 'marketplace_resource_details_updated',
  /** End date set or cleared (Waldur's `marketplace_resource_end_date_has_been_updated*`). */
  RESOURCE_END_DATE_UPDATED: 'marketplace_resource_end_date_has_been_updated',
  /** Provider flags paused / downscaled / restrict_member_access changed: Orderly's own. */
  RESOURCE_FLAG_SET: 'marketplace_resource_flag_set',
} as const;

/** An event type string. */
export type EventType = (typeof EventType)[keyof typeof EventType];
