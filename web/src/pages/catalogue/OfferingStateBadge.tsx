import { OFFERING_TONES } from './catalogueTypes.js';

/** Offering state as a badge ("Active", "Archived"). */
export function OfferingStateBadge({ state }: { state: string }) {
  return <span className={`badge badge-${OFFERING_TONES[state] ?? 'canceled'}`}>{state}</span>;
}
