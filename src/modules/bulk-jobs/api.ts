// The bulk-jobs module's published surface (issue 13): the job's representation for the bulk flow's
// routes. Others import from here, never from `bulk-jobs/adapters/`.
export { BulkJobOut, presentBulkJob } from './adapters/http/bulk-job-presenter.js';
