import type { Processor } from '../../../modules/orders/app/processing-port.js';

/** `site_agent` (SLURM): the order stays EXECUTING until the agent calls set_state_done / set_state_erred. */
export const siteAgentProcessor: Processor = {
  start: async (_tx, o) => o,
  forceDestroySkips: 'the site agent was not asked to confirm the deletion',
};
