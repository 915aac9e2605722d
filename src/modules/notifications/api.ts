// The notifications module's published surface (issue 13): who would be asked to approve, for the
// order preflight. Others import from here, never from `notifications/adapters/`.
export { usersHolding } from './adapters/pg/recipients.js';
