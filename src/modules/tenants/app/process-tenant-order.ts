import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import type { LockedOrder } from '../../orders/app/lock-order.js';
import { failProcessing } from '../../orders/app/outcomes.js';
import type { TenantPorts } from './ports.js';
import { startDecommission } from './start-decommission.js';
import { startProvisioning } from './start-provisioning.js';

/**
 * The Tenant processor (processor kind `saga`), called in the transaction that put the order in
 * EXECUTING: CREATE starts provisioning (or retries it), TERMINATE starts a decommission run.
 * UPDATE and RESTORE orders never get here (the capability table refuses them, §2).
 */
export async function processTenantOrder(tx: Tx, o: LockedOrder, actor: Actor | null, ports: TenantPorts) {
  if (o.type === 'Create') return startProvisioning(tx, o, actor, ports);
  if (o.type === 'Terminate') return startDecommission(tx, o, actor, ports);
  await failProcessing(tx, o, actor, `${o.type} orders are not supported for tenants.`, '');
}
