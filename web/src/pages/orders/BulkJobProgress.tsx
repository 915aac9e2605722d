import type { BulkJob } from './bulkJob.js';

/** Live progress of a running bulk job: a bar and the counts so far. */
export function BulkJobProgress({ job }: { job: BulkJob }) {
  const p = job.progress;
  return (
    <div className="stack" data-testid="bulk-progress">
      <progress
        aria-label="Bulk job progress"
        style={{ width: '100%' }}
        max={p.total}
        value={p.finished}
        aria-valuemin={0}
        aria-valuemax={p.total}
        aria-valuenow={p.finished}
      />
      <p role="status" aria-live="polite">
        {p.finished} of {p.total} processed
        {p.refused > 0 ? ` · ${p.refused} refused` : ''}
        {p.skipped > 0 ? ` · ${p.skipped} skipped` : ''}
        {job.state === 'done' ? '' : '…'}
      </p>
    </div>
  );
}
