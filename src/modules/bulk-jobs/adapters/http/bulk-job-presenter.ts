import { z } from 'zod';
import { hex } from '../../../../platform/http/ids.js';
import type { BulkJobView } from '../../app/load-bulk-job.js';
import { progressOf } from '../../domain/bulk-job.js';

/** A bulk job as the API shows it: state, progress counts and one outcome per listed order. */
export const BulkJobOut = z
  .object({
    uuid: z.string(),
    url: z.string(),
    action: z.string(),
    reason: z.string(),
    state: z.enum(['running', 'done']),
    created: z.string(),
    finished_at: z.string().nullable(),
    created_by_username: z.string(),
    progress: z.object({
      total: z.number().int(),
      finished: z.number().int(),
      done: z.number().int(),
      refused: z.number().int(),
      skipped: z.number().int(),
      pending: z.number().int(),
    }),
    items: z.array(
      z.object({
        order_uuid: z.string(),
        outcome: z.enum(['pending', 'done', 'refused', 'skipped']),
        status: z
          .number()
          .int()
          .nullable()
          .meta({ description: 'HTTP status the single action would answer.' }),
        code: z.string().meta({ description: 'Problem code when refused, e.g. `order.invalid_state`.' }),
        message: z.string(),
        finished_at: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'BulkJob' });

/** Presents a job. */
export function presentBulkJob(base: string, v: BulkJobView): z.infer<typeof BulkJobOut> {
  return {
    uuid: hex(v.job.uuid),
    url: `${base}/api/bulk-jobs/${hex(v.job.uuid)}/`,
    action: v.job.action,
    reason: v.job.reason,
    state: v.job.state,
    created: v.job.created.toISOString(),
    finished_at: v.job.finished_at?.toISOString() ?? null,
    created_by_username: v.job.created_by_username,
    progress: progressOf(v.items.map((i) => i.outcome)),
    items: v.items.map((i) => ({
      order_uuid: hex(i.order_uuid),
      outcome: i.outcome,
      status: i.status,
      code: i.code,
      message: i.message,
      finished_at: i.finished_at?.toISOString() ?? null,
    })),
  };
}
