import {
  engineScheduler,
  type ScheduleOutput,
} from '../../../modules/tenants/adapters/schedule/maintenance-schedule.js';
import { COMPENSATION_RETRY, type ProvisionStepDef } from '../../tenant-saga/step.js';

/**
 * Step 3 (§5.1): registers the tenant's maintenance schedule (daily certificate renewal and storage
 * health) with Orderly's workflow engine, through the scheduler adapter. Upsert by tenant: an
 * existing schedule counts as success. Its compensation removes the schedule (not found = success).
 */
export const registerWorkflowEngine: ProvisionStepDef<'register_workflow_engine', ScheduleOutput> = {
  name: 'register_workflow_engine',
  retry: { maxAttempts: 5, initialDelayMs: 5_000, backoffFactor: 2, maxDelayMs: 60_000, timeoutMs: 60_000 },
  invoke: (env) => engineScheduler(env.deps.db).register(env.tenant.id, env.runId),
  verify: (o, env) => engineScheduler(env.deps.db).find(o.schedule_uuid),
  compensation: {
    name: 'deregister_workflow_engine',
    retry: COMPENSATION_RETRY,
    invoke: async (env) => {
      await engineScheduler(env.deps.db).deregister(env.tenant.id, env.runId);
      return { removed: true };
    },
  },
};
