import type { TenantPorts } from '../../modules/tenants/app/ports.js';
import type { TenantSettings } from '../../modules/tenants/app/settings.js';
import {
  type AnyWorkflow,
  type WorkflowEngine,
  WorkflowNotFoundError,
} from '../../platform/workflows/index.js';
import { decommissionTenantWorkflow } from '../decommission-tenant/workflow.js';
import { tenantMaintenanceWorkflow } from '../tenant-maintenance/workflow.js';
import type { SagaDeps } from '../tenant-saga/deps.js';
import { provisionTenantWorkflow } from './workflow.js';

/** The tenant workflows of one process (listed in `appWorkflows`). */
export function tenantWorkflows(deps: SagaDeps) {
  const provision = provisionTenantWorkflow(deps);
  const decommission = decommissionTenantWorkflow(deps);
  const maintenance = tenantMaintenanceWorkflow(deps);
  return {
    provision,
    decommission,
    maintenance,
    all: [provision, decommission, maintenance] as AnyWorkflow[],
  };
}

/** The tenant workflows' type. */
export type TenantWorkflows = ReturnType<typeof tenantWorkflows>;

/** The tenant module's port onto the engine: runs are enqueued in the caller's transaction. */
export function tenantPorts(
  engine: WorkflowEngine | undefined,
  wfs: TenantWorkflows,
  settings: TenantSettings,
): TenantPorts {
  return {
    settings,
    async enqueueRun(tx, run) {
      // Without an engine the run could never execute: refuse rather than leave it queued forever.
      if (!engine) throw new Error('tenant runs need a workflow engine, and none is configured');
      await engine.enqueue(tx, {
        workflow: run.kind === 'provision' ? wfs.provision : wfs.decommission,
        workflowId: run.workflowId,
        args: { tenantId: run.tenantId, runId: run.runId },
      });
    },
    async cancelRun(workflowId) {
      if (!engine) return;
      await engine.cancel(workflowId).catch((err: unknown) => {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      });
    },
  };
}
