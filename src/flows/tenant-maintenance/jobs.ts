import { sql } from 'kysely';
import type { Logger } from 'pino';
import { advanceSchedule } from '../../modules/tenants/adapters/pg/schedule-store.js';
import { ACTIVE_RUN_STATUSES } from '../../modules/tenants/domain/statuses.js';
import type { PeriodicJob } from '../../platform/jobs/periodic.js';
import type { WorkflowDefinition, WorkflowEngine } from '../../platform/workflows/index.js';
import type { MaintenanceArgs } from './workflow.js';

/**
 * `tenant-maintenance`: turns due schedule rows into `tenant.maintenance` runs, each enqueued in the
 * transaction that advances the row (so a crash never loses or doubles a run; the id is per slot).
 */
function maintenanceJob(
  engine: WorkflowEngine,
  workflow: WorkflowDefinition<MaintenanceArgs, string>,
): PeriodicJob {
  return {
    name: 'tenant-maintenance',
    everyMs: 60_000,
    async run(tx) {
      const due = await tx
        .selectFrom('tenant_schedules as s')
        .innerJoin('tenants as t', 't.id', 's.tenant_id')
        .select(['s.id', 's.tenant_id', 't.uuid', 's.next_run_at'])
        .where('s.next_run_at', '<=', sql<Date>`now()`)
        .where('t.state', '=', 'Active')
        .orderBy('s.next_run_at')
        .limit(100)
        .forUpdate('s')
        .skipLocked()
        .execute();
      for (const s of due) {
        await engine.enqueue(tx, {
          workflow,
          workflowId: `tenant-${s.uuid}-maintenance-${s.next_run_at.getTime()}`,
          args: { tenantId: s.tenant_id },
        });
        await advanceSchedule(tx, s.id);
      }
      return due.length;
    },
  };
}

/**
 * `tenant-lock-sweeper` (tenant spec §7): active runs whose lock heartbeat is older than the TTL are
 * handed back to the engine; the execution that resumes takes the lock over with a new token
 * (recording the interrupted try), so a holder that is hung rather than dead is fenced off. The
 * engine's own sweeper already resumes runs of dead executors within seconds; this catches the rest.
 */
function lockSweeperJob(engine: WorkflowEngine, lockTtlMs: number, logger: Logger): PeriodicJob {
  return {
    name: 'tenant-lock-sweeper',
    everyMs: 15_000,
    async run(tx) {
      const stale = await tx
        .selectFrom('tenant_runs as r')
        .innerJoin('tenant_locks as l', 'l.run_id', 'r.id')
        .select(['r.workflow_id', 'l.holder'])
        .where('r.status', 'in', ACTIVE_RUN_STATUSES)
        .where('l.heartbeat_at', '<', sql<Date>`now() - ${lockTtlMs} * interval '1 millisecond'`)
        .limit(100)
        .execute();
      let resumed = 0;
      for (const s of stale) {
        const state = await engine.getStatus(s.workflow_id);
        if (!state || state.status === 'succeeded' || state.status === 'failed') continue;
        await engine.resume(s.workflow_id);
        logger.warn(
          { workflowId: s.workflow_id, holder: s.holder },
          'resumed a tenant run with a stale lock',
        );
        resumed++;
      }
      return resumed;
    },
  };
}

/** The tenant module's periodic jobs. */
export function tenantJobs(
  engine: WorkflowEngine,
  maintenance: WorkflowDefinition<MaintenanceArgs, string>,
  lockTtlMs: number,
  logger: Logger,
): PeriodicJob[] {
  return [maintenanceJob(engine, maintenance), lockSweeperJob(engine, lockTtlMs, logger)];
}
