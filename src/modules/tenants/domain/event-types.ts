/** Tenant event types (tenant spec §8.2): API contract, with the exact names of the spec. */
export const TenantEventType = {
  /** A provisioning run starts (attempt 1, or a Retry): `{attempt_number}`. */
  PROVISIONING_STARTED: 'tenant.provisioning.started',
  /** A step completed or was reused: `{step, attempt_number, duration_ms, reused?}`. */
  STEP_COMPLETED: 'tenant.provisioning.step_completed',
  /** A provisioning run failed: `{failed_activity, details, attempt_number}`. */
  PROVISIONING_FAILED: 'tenant.provisioning.failed',
  /** `activate` committed: `{attempt_number, duration_ms}`. */
  PROVISIONING_SUCCEEDED: 'tenant.provisioning.succeeded',
  /** Reset: `{attempt_number, run_kind, step, reason, forced, lock_holder, heartbeat_age_ms}`. */
  PROVISIONING_RESET: 'tenant.provisioning.reset',
  /** A decommission run starts: `{reason, order_uuid}`. */
  DECOMMISSION_STARTED: 'tenant.decommission.started',
  /** The tenant became Decommissioned: `{slug, slot_released, skipped_compensations}`. */
  DECOMMISSION_COMPLETED: 'tenant.decommission.completed',
  /** A decommission run failed: `{failed_activity, details}`. */
  DECOMMISSION_FAILED: 'tenant.decommission.failed',
} as const;

/** A tenant event type. */
export type TenantEventType = (typeof TenantEventType)[keyof typeof TenantEventType];
