// The audit module's published surface (issue 13): the event log's reader and queries, for the
// webhook fan-out. Others import from here, never from `audit/adapters/`.
export { comparePositions, type LogBatch, readFinalEvents } from './adapters/pg/event-log.js';
export { eventRecords, visibleEvents } from './adapters/pg/event-queries.js';
