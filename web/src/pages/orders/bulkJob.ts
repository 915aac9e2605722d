import type { components } from '../../../../openapi/client/schema.js';
import { api, unwrap } from '../../api/client.js';

/** A bulk job as `GET /api/bulk-jobs/{uuid}/` answers it. */
export type BulkJob = components['schemas']['BulkJob'];
/** The order actions the provider orders page runs as bulk jobs. */
export type BulkKind = 'approve' | 'reject';

/** How often the dialog asks for the job's progress while it runs. */
const POLL_MS = 400;

/**
 * Starts a server-side bulk job (`POST /api/marketplace-orders/bulk/`) and follows it until it is
 * done, calling `onProgress` with each answer; `cancelled()` stops following (the job runs on).
 */
export async function runBulkJob(
  kind: BulkKind,
  orders: string[],
  reason: string,
  onProgress: (job: BulkJob) => void,
  cancelled: () => boolean,
): Promise<BulkJob> {
  let job = await unwrap(
    api.POST('/api/marketplace-orders/bulk/', {
      body: {
        action: kind === 'approve' ? 'approve_by_provider' : 'reject_by_provider',
        orders,
        ...(reason ? { reason } : {}),
      },
    }),
  );
  onProgress(job);
  while (job.state !== 'done' && !cancelled()) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    job = await unwrap(api.GET('/api/bulk-jobs/{uuid}/', { params: { path: { uuid: job.uuid } } }));
    onProgress(job);
  }
  return job;
}
