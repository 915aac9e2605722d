/** Moved to `src/platform/auth/actor.ts` (platform imports nothing from modules); kept while importers move. */
export { type Actor, seesEverything } from '../../../platform/auth/actor.js';
