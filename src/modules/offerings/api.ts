// The offerings module's published surface (issue 13): what other modules may use. They import from
// here, never from `offerings/adapters/`.

export { loadProviderOffering, presentOfferingOfOrder } from './adapters/http/offering-loaders.js';
export { PublicOfferingOut } from './adapters/http/offering-schemas.js';
export {
  findOffering,
  type OfferingRow,
  visibleProviderOfferings,
} from './adapters/pg/offering-repository.js';
