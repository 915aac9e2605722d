import type { PeriodicJob } from '../../../../platform/jobs/periodic.js';
import {
  markIdleServices,
  markSilentAgentsDisconnected,
  trimAgentLogs,
} from '../../app/agent-housekeeping.js';

/** The site agent module's periodic jobs: idle services, disconnected agents, log trimming. */
export function siteAgentJobs(): PeriodicJob[] {
  return [
    { name: 'site-agent.idle-services', everyMs: 60_000, run: (tx, now) => markIdleServices(tx, now) },
    {
      name: 'site-agent.disconnected',
      everyMs: 60_000,
      run: (tx, now) => markSilentAgentsDisconnected(tx, now),
    },
    { name: 'site-agent.trim-logs', everyMs: 600_000, run: (tx) => trimAgentLogs(tx) },
  ];
}
