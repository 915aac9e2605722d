import type { Command } from 'commander';
import { registerApprovals } from './approval-sla.js';
import { usageExits } from './command.js';
import { registerLogin } from './login.js';
import { registerOrders } from './orders.js';
import { registerPlans } from './plans.js';
import { registerResources } from './resources.js';
import { registerTenants } from './tenants.js';

/** Adds the API client commands (`login`, `orders`, `resources`, `tenants`, `approvals`) to the `orderly` program. */
export function registerClientCommands(program: Command): void {
  for (const cmd of [
    registerLogin(program),
    registerOrders(program),
    registerResources(program),
    registerTenants(program),
    registerApprovals(program),
    registerPlans(program),
  ])
    usageExits(cmd);
}
