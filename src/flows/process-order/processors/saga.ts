import type { Processor } from '../../../modules/orders/app/processing-port.js';
import type { TenantPorts } from '../../../modules/tenants/app/ports.js';
import { processTenantOrder } from '../../../modules/tenants/app/process-tenant-order.js';
import { validateTenantOrder } from '../../../modules/tenants/app/validate-order.js';
import { startDurably } from './durable.js';

/**
 * `saga` (Orderly.Tenant): CREATE starts the `tenant.provision` run, TERMINATE a decommission run,
 * enqueued in this transaction (tenant spec §2.1; the runs are in `src/flows/provision-tenant/`);
 * new orders first pass the tenant rules (slug, e-mail). `ports` is unset without an engine.
 */
export function sagaProcessor(ports: TenantPorts | undefined): Processor {
  return {
    start: startDurably(ports && ((tx, o, actor) => processTenantOrder(tx, o, actor, ports))),
    validateCreate: validateTenantOrder,
    forceDestroySkips: null,
  };
}
