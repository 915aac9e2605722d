/**
 * Tenants: glossary (tenant spec §1).
 *
 * - tenant: one provisioned instance of the tenant product (storage, TLS certificate, admin user,
 *   admin console); row `tenants`; the scope of a marketplace resource of an `Orderly.Tenant` offering.
 * - slug: the tenant's DNS label; host name `<slug>.<base_domain>`. External names never use it
 *   (storage, schedules and certificates are named after the tenant uuid).
 * - plan / slot: a tenant holds one slot of its plan's `max_amount` from `reserve_slug_and_slot`
 *   until it is Decommissioned.
 * - run: one workflow execution for a tenant, `provision` or `decommission`.
 * - attempt: a provisioning run; `attempt_number` 1, then +1 per Retry provisioning.
 * - step: a named unit of work of a run; try: one invocation of a step (per-step retries add tries,
 *   never attempts); checkpoint: a step's recorded output under (run, step).
 * - compensation: the undo of a step; runs only in a decommission run.
 * - lock: which worker owns the active run, with a heartbeat and a fencing token.
 */

/** Kind of a run. */
export type RunKind =
  /** A provisioning attempt. */
  | 'provision'
  /** Compensations, ending in Decommissioned. */
  | 'decommission';

/** The failure of a step or run, as stored and as the `failed` event's `details` carries it. */
export interface FailureDetails {
  /** Stable code, e.g. `tenant.no_free_slot`, `ca.rejected`, `worker_lost`, `reset`. */
  code: string;
  message: string;
  retryable: boolean;
  /** Tries the step had in its run when it failed. */
  tries: number;
  /** Stack of the last error: staff and support only. */
  stack?: string;
}
