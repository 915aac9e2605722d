/**
 * Staff force destroy (orders spec §8.1, §11.1; seed 001 "Force destroy (staff escape hatch)"): a
 * TERMINATE order with `attributes.action = "force_destroy"` processed on behalf of staff. Its
 * resource ends Terminated whether or not the backend confirms; what cleanup was skipped is recorded.
 */
import type { ProcessorKind } from '../../offerings/domain/capabilities.js';
import type { OrderType } from './order-type.js';

/** Whether an order is a force destroy (a TERMINATE order whose attributes ask for it). */
export function isForceDestroy(type: OrderType, attributes: Record<string, unknown>): boolean {
  return type === 'Terminate' && attributes.action === 'force_destroy';
}

/**
 * Processors that wait for someone outside Orderly to confirm (the provider by hand, the site agent,
 * a helpdesk, a booking). A staff force destroy does not wait for them: the backend cannot be relied
 * on to confirm (seed 001: "site agent offline"), so the order completes at once with cleanup skipped.
 */
const CONFIRMING: Readonly<Record<ProcessorKind, string | null>> = {
  manual: 'the provider was not asked to remove the resource by hand',
  site_agent: 'the site agent was not asked to confirm the deletion',
  helpdesk: 'no helpdesk issue was opened',
  booking: 'the booking was not released with the provider',
  remote: null,
  script: null,
  plugin_scope: null,
  saga: null,
};

/** What a staff force destroy skips on a confirming processor, or null when the processor runs. */
export function confirmationSkipped(kind: ProcessorKind): string | null {
  return CONFIRMING[kind];
}

/** The note a force destroy leaves on its order when the provider-side cleanup did not run. */
export function cleanupSkippedNote(why: string): string {
  return `Force destroy: provider-side cleanup was skipped (${why}). The resource is Terminated in Orderly; verify that it is gone on the provider side.`;
}
