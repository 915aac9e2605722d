import { bookingProcessor } from '../flows/process-order/processors/booking.js';
import { helpdeskProcessor } from '../flows/process-order/processors/helpdesk.js';
import { manualProcessor } from '../flows/process-order/processors/manual.js';
import { pluginScopeProcessor } from '../flows/process-order/processors/plugin-scope.js';
import { remoteProcessor, remoteStart } from '../flows/process-order/processors/remote.js';
import { sagaProcessor } from '../flows/process-order/processors/saga.js';
import { scriptProcessor, scriptStart } from '../flows/process-order/processors/script.js';
import { siteAgentProcessor } from '../flows/process-order/processors/site-agent.js';
import type { ProcessOrderArgs } from '../flows/process-order/workflow.js';
import { type TenantWorkflows, tenantPorts } from '../flows/provision-tenant/compose.js';
import type { RemoteRunArgs } from '../flows/remote-orders/submit.js';
import type { Processors } from '../modules/orders/app/processing-port.js';
import type { TenantSettings } from '../modules/tenants/app/settings.js';
import type { WorkflowDefinition, WorkflowEngine } from '../platform/workflows/index.js';

/** The engine and the workflows (from `appWorkflows`) that the durable processors enqueue. */
export interface DurableWork {
  engine: WorkflowEngine;
  processOrder: WorkflowDefinition<ProcessOrderArgs, string>;
  processRemoteOrder: WorkflowDefinition<RemoteRunArgs, string>;
  tenants: TenantWorkflows & { settings: TenantSettings };
}

/**
 * The processor of every kind (`ProcessorKind` in the capability table), installed once per process
 * with `installProcessing`. Without `durable` (no workflow engine: tests, the demo seed at set-up)
 * script, remote and saga orders fail at once with a clear message.
 */
export function appProcessors(durable?: DurableWork): Processors {
  return {
    manual: manualProcessor,
    site_agent: siteAgentProcessor,
    helpdesk: helpdeskProcessor,
    booking: bookingProcessor,
    plugin_scope: pluginScopeProcessor,
    script: scriptProcessor(durable && scriptStart(durable.engine, durable.processOrder)),
    remote: remoteProcessor(durable && remoteStart(durable.engine, durable.processRemoteOrder)),
    saga: sagaProcessor(durable && tenantPorts(durable.engine, durable.tenants, durable.tenants.settings)),
  };
}
