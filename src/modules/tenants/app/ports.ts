import type { Tx } from '../../../platform/db/database.js';
import type { RunKind } from '../domain/types.js';
import type { TenantSettings } from './settings.js';

/** A run to hand to the workflow engine. */
export interface RunToStart {
  kind: RunKind;
  workflowId: string;
  tenantId: number;
  runId: number;
}

/**
 * What the tenant use cases need from outside the module: the saga workflows live in `src/flows/`,
 * which depend on this module, so the module reaches them only through this port (composition root).
 */
export interface TenantPorts {
  settings: TenantSettings;
  /** Enqueues the run's workflow inside `tx` (atomic with the state change, G12). */
  enqueueRun(tx: Tx, run: RunToStart): Promise<void>;
  /** Cancels a run's workflow after commit so it is never resumed (Reset); unknown ids are ignored. */
  cancelRun(workflowId: string): Promise<void>;
}

/** The deterministic workflow id of a run (tenant spec §7). */
export function workflowIdOf(tenantUuid: string, kind: RunKind, number: number): string {
  return `tenant-${tenantUuid}-${kind}-${number}`;
}
