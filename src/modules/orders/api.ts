// The orders module's published surface for writes other modules and flows need (issue 13):
// they call these, never the repository in `adapters/pg/`.
export { recordOrderBackendId, removeOrdersOfResource } from './app/order-writes.js';
