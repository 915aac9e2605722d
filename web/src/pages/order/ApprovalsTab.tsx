import type { Order } from '../../api/types.js';
import { formatDateTime } from '../../lib/format.js';

interface Step {
  title: string;
  status: 'done' | 'current' | 'skipped' | 'rejected' | 'waiting' | 'ended';
  lines: string[];
}

/** A review that never happened because the order ended first (canceled) is not a skipped one. */
const ENDED: Step['status'] = 'ended';
const endedLine = 'Not reviewed: the order was canceled first (see the Timeline for who and why)';

function steps(o: Order): Step[] {
  const canceled = o.state === 'canceled';
  const rejectedByConsumer = o.state === 'rejected' && !!o.consumer_rejection_comment;
  const consumer: Step = o.consumer_reviewed_at
    ? {
        title: 'Consumer approval',
        status: rejectedByConsumer ? 'rejected' : 'done',
        lines: [
          `${rejectedByConsumer ? 'Rejected' : 'Approved'} by ${o.consumer_reviewed_by_full_name || o.consumer_reviewed_by || 'the system'} on ${formatDateTime(o.consumer_reviewed_at)}`,
          ...(o.consumer_rejection_comment ? [`Reason: ${o.consumer_rejection_comment}`] : []),
        ],
      }
    : o.state === 'pending-consumer'
      ? { title: 'Consumer approval', status: 'current', lines: ['Waiting for consumer approval'] }
      : canceled
        ? { title: 'Consumer approval', status: ENDED, lines: [endedLine] }
        : { title: 'Consumer approval', status: 'skipped', lines: ['Not required for this order'] };
  const rejectedByProvider = o.state === 'rejected' && !!o.provider_rejection_comment;
  const provider: Step = o.provider_reviewed_at
    ? {
        title: 'Provider approval',
        status: rejectedByProvider ? 'rejected' : 'done',
        lines: [
          `${rejectedByProvider ? 'Rejected' : 'Approved'} by ${o.provider_reviewed_by_full_name || o.provider_reviewed_by || 'the system'} on ${formatDateTime(o.provider_reviewed_at)}`,
          ...(o.provider_rejection_comment ? [`Reason: ${o.provider_rejection_comment}`] : []),
        ],
      }
    : o.state === 'pending-provider'
      ? { title: 'Provider approval', status: 'current', lines: ['Waiting for provider approval'] }
      : o.state === 'pending-consumer'
        ? { title: 'Provider approval', status: 'waiting', lines: ['After consumer approval, if required'] }
        : canceled && !o.auto_approved
          ? { title: 'Provider approval', status: ENDED, lines: [endedLine] }
          : {
              title: 'Provider approval',
              status: 'skipped',
              lines: [o.auto_approved ? 'Auto-approved' : 'Not required'],
            };
  return [
    {
      title: 'Submitted',
      status: 'done',
      lines: [
        `By ${o.created_by_full_name || o.created_by_username || 'unknown'} on ${formatDateTime(o.created)}`,
      ],
    },
    consumer,
    provider,
  ];
}

const STATUS_TEXT: Record<Step['status'], string> = {
  done: 'Done',
  current: 'Waiting',
  skipped: 'Skipped',
  rejected: 'Rejected',
  waiting: 'Later',
  ended: 'Not reviewed',
};

/** Who submitted, who approved or rejected on each side, and when. */
export function ApprovalsTab({ order }: { order: Order }) {
  return (
    <ol className="steps">
      {steps(order).map((s) => (
        <li key={s.title} className={`step step-${s.status}`}>
          <div className="step-head">
            <strong>{s.title}</strong>
            <span className="step-status">{STATUS_TEXT[s.status]}</span>
          </div>
          {s.lines.map((l) => (
            <p key={l} className="muted">
              {l}
            </p>
          ))}
        </li>
      ))}
    </ol>
  );
}
