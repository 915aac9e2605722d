import type { PeriodicJob } from '../../../../platform/jobs/periodic.js';
import { escalateWaitingApprovals } from '../../app/escalate-approvals.js';
import { sendApprovalDigests } from '../../app/send-digests.js';

/** Approval SLA jobs: escalation steps and daily digests (each run one transaction, `now` from the scheduler). */
export function approvalSlaJobs(everyMs: number): PeriodicJob[] {
  return [
    {
      name: 'notifications.approval-escalation',
      everyMs,
      run: (tx, now) => escalateWaitingApprovals(tx, now),
    },
    { name: 'notifications.approval-digest', everyMs, run: (tx, now) => sendApprovalDigests(tx, now) },
  ];
}
