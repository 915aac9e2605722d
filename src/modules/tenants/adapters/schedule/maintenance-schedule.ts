import { type Db, inTransaction } from '../../../../platform/db/database.js';
import { recordEffect } from '../pg/effects.js';
import { deleteSchedule, insertSchedule } from '../pg/schedule-store.js';

/** What the tenant's maintenance schedule runs (§5.1 step 3). */
export const MAINTENANCE_TASKS = ['certificate_renewal', 'storage_health'] as const;
/** Daily. */
export const MAINTENANCE_EVERY_SECONDS = 86_400;

/** The registration, as the step records it. */
export interface ScheduleOutput {
  schedule_uuid: string;
  tasks: string[];
  every_seconds: number;
}

/**
 * The adapter between the saga and the engine that runs tenant maintenance. Orderly's own is a row
 * per tenant in `tenant_schedules`, which the `tenant-maintenance` job turns into workflow runs on
 * Orderly's engine; an external scheduler can implement the same three calls later.
 */
export interface MaintenanceScheduler {
  /** Upsert by tenant: an existing schedule for this tenant counts as success. */
  register(tenantId: number, runId: number | null): Promise<ScheduleOutput>;
  /** Whether the registration still exists (`verify`). */
  find(scheduleUuid: string): Promise<boolean>;
  /** Removes it; not found is success (compensation). */
  deregister(tenantId: number, runId: number | null): Promise<void>;
}

/** Orderly's own scheduler over `tenant_schedules`. */
export function engineScheduler(db: Db): MaintenanceScheduler {
  return {
    register: (tenantId, runId) =>
      inTransaction(db, async (tx) => {
        const inserted = await insertSchedule(tx, tenantId, MAINTENANCE_TASKS, MAINTENANCE_EVERY_SECONDS);
        if (inserted)
          await recordEffect(tx, tenantId, 'register_workflow_engine', 'schedule_registered', runId);
        const row = await tx
          .selectFrom('tenant_schedules')
          .select(['uuid', 'tasks', 'every_seconds'])
          .where('tenant_id', '=', tenantId)
          .executeTakeFirstOrThrow();
        return { schedule_uuid: row.uuid, tasks: row.tasks as string[], every_seconds: row.every_seconds };
      }),
    find: async (uuid) =>
      (await db.selectFrom('tenant_schedules').select('id').where('uuid', '=', uuid).executeTakeFirst()) !==
      undefined,
    deregister: (tenantId, runId) =>
      inTransaction(db, async (tx) => {
        if (await deleteSchedule(tx, tenantId))
          await recordEffect(tx, tenantId, 'deregister_workflow_engine', 'schedule_removed', runId);
      }),
  };
}
