// The resources module's published surface for writes other modules and flows need (issue 13):
// they call these, never the repository in `adapters/pg/`.
export { applyOrderEffect, type OrderEffect } from './app/apply-order-effect.js';
export {
  applyUpdateOrder,
  createResourceOfOrder,
  followOrderEdit,
  publishEndpoints,
  recordBackendId,
} from './app/order-writes.js';
