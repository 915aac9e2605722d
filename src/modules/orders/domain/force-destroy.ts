/**
 * Staff force destroy (orders spec §8.1, §11.1; seed 001 "Force destroy (staff escape hatch)"): a
 * TERMINATE order with `attributes.action = "force_destroy"` processed on behalf of staff. Its
 * resource ends Terminated whether or not the backend confirms; what cleanup was skipped is recorded.
 */
import type { OrderType } from './order-type.js';

/** Whether an order is a force destroy (a TERMINATE order whose attributes ask for it). */
export function isForceDestroy(type: OrderType, attributes: Record<string, unknown>): boolean {
  return type === 'Terminate' && attributes.action === 'force_destroy';
}

/** The note a force destroy leaves on its order when the provider-side cleanup did not run. */
export function cleanupSkippedNote(why: string): string {
  return `Force destroy: provider-side cleanup was skipped (${why}). The resource is Terminated in Orderly; verify that it is gone on the provider side.`;
}
