/** Tunables of the tenant saga (tenant spec §5.2, §7), from the environment in `src/app/runtime.ts`. */
export interface TenantSettings {
  /** A lock whose heartbeat is older than this is stale (default 60 s). */
  lockTtlMs: number;
  /** How often a run's holder refreshes its lock (default 10 s). */
  heartbeatMs: number;
  /** Deadline of one run (default 30 min): the current step then fails with `deadline_exceeded`. */
  runDeadlineMs: number;
  /** Whether `/api/provisioning-faults/` answers and steps consume faults (§5.3). */
  faultsEnabled: boolean;
}

/** The spec's defaults; faults off. */
export const DEFAULT_TENANT_SETTINGS: TenantSettings = {
  lockTtlMs: 60_000,
  heartbeatMs: 10_000,
  runDeadlineMs: 30 * 60_000,
  faultsEnabled: false,
};
