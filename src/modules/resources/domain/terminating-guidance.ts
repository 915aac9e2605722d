/**
 * In-context help for a resource stuck in Terminating (orders spec §8.1, §17 f; seed 001 "Recovering
 * a resource stuck in Terminating" and "Cancellation paths by offering type").
 *
 * The texts are the user guide's. Which paths apply to an offering type is read from the capability
 * table through the generated seed table (`renderCancellationPaths`), so the guidance, the docs table
 * and the validators cannot disagree. Whether the *current user* may take a path is not decided here:
 * each path names the ability the UI must read (§17 d, the UI never re-derives a rule).
 */
import { capabilitiesOf } from '../../offerings/domain/capabilities.js';
import { NOT_AVAILABLE, renderCancellationPaths } from '../../offerings/domain/capability-tables.js';
import type { OfferingType } from '../../offerings/domain/offering-type.js';
import type { ResourceState } from './resource-state.js';

/** A recovery path of seed 001, plus force destroy (§8.1). */
export type RecoveryPathName =
  | 'cancel_order'
  | 'cancel_termination'
  | 'set_as_erred'
  | 'set_state_ok'
  | 'force_destroy';

/** One recovery path as the resource page shows it. */
export interface RecoveryPath {
  /** Stable name. */
  readonly path: RecoveryPathName;
  /** Label used by the user guide. */
  readonly label: string;
  /** Who the guide says takes this path. */
  readonly who: 'consumer' | 'provider' | 'staff';
  /** The offering type has this path at all (capability table). */
  readonly applies: boolean;
  /** What Waldur's web client shows for this type: the seed table cell ("Yes", "API only", "—"). */
  readonly waldur_ui: string;
  /** Where the current user's permission is: an ability of the resource or of its order in progress. */
  readonly ability: string;
  /** What the path does, in the guide's words. */
  readonly description: string;
  /** The guide's warning, when it has one. */
  readonly warning?: string;
}

/** The `guidance` field of a Terminating resource. */
export interface TerminatingGuidance {
  /** Section title of the guide. */
  readonly title: string;
  /** Why a resource gets stuck. */
  readonly summary: string;
  /** What the resource page offers. */
  readonly what_you_see: string;
  /** The offering type's family, as the seed table names it. */
  readonly offering_family: string;
  /** The paths, in the guide's order. */
  readonly paths: readonly RecoveryPath[];
}

const FORCE_DESTROY_WARNING =
  'force_destroy bypasses backend cleanup. Use only when the resource is known to be already gone on the provider side and Waldur has been left with stale state.';

/** Path texts; `column` is the seed table column the path's cell comes from (none for force destroy). */
const PATHS: readonly (Omit<RecoveryPath, 'applies' | 'waldur_ui'> & { column?: string })[] = [
  {
    path: 'cancel_order',
    label: 'Cancel order',
    who: 'consumer',
    column: 'Cancel order (consumer)',
    ability: 'order_in_progress.abilities.cancel',
    description:
      'Cancelling a Terminate order automatically returns the underlying resource to the OK state. No manual recovery step is needed.',
  },
  {
    path: 'cancel_termination',
    label: 'Cancel termination',
    who: 'staff',
    column: 'Cancel termination (staff)',
    ability: 'order_in_progress.abilities.cancel_termination',
    description:
      'For Remote (federated) offerings, the action calls the remote Waldur instance to abort the in-progress termination. It is available for an executing Terminate order.',
  },
  {
    path: 'set_as_erred',
    label: 'Set as erred',
    who: 'provider',
    column: 'Set as erred (provider)',
    ability: 'abilities.set_as_erred',
    description:
      'Use this when the underlying backend operation has failed and the consumer should see a clear error. The resource transitions to Erred. The associated terminate order remains in its current state — review and reconcile it manually if needed.',
    warning:
      '"Set as erred" is a state override, not a backend operation. The resource still exists on the provider side if the original termination request did not actually run. Verify the backend before declaring the resource removed.',
  },
  {
    path: 'set_state_ok',
    label: 'Set state OK',
    who: 'provider',
    column: 'Set state OK',
    ability: 'abilities.set_state_ok',
    description:
      "Transitions the resource from Terminating back to OK. The caller must hold the SET_RESOURCE_STATE permission on the offering's customer (service-provider scope) or be platform staff. Errors are not cleared and the backend is not touched.",
  },
  {
    path: 'force_destroy',
    label: 'Force destroy',
    who: 'staff',
    ability: 'abilities.force_destroy',
    description:
      'When a Terminate order has already been retried and the backend cannot confirm deletion, platform staff can submit a Terminate order with attributes.action="force_destroy". On processor failure the resource jumps directly to Terminated instead of Erred. Orderly does it in one step: the order still in flight is failed with the reason, then the force_destroy order runs without waiting for approval; when the backend cannot confirm, the resource is Terminated and the skipped cleanup is recorded on the order.',
    warning: FORCE_DESTROY_WARNING,
  },
];

/** The seed table row of the type's family: column header → cell. */
function seedRow(type: OfferingType): Map<string, string> {
  const table = renderCancellationPaths([capabilitiesOf(type).family]);
  const cells = table.rows[0] ?? [];
  return new Map(table.header.map((h, i) => [h, cells[i] ?? NOT_AVAILABLE]));
}

/** The guidance for a resource, or null unless it is Terminating (seed 001). */
export function terminatingGuidance(state: ResourceState, type: OfferingType): TerminatingGuidance | null {
  if (state !== 'Terminating') return null;
  const row = seedRow(type);
  const forceDestroy = capabilitiesOf(type).forceDestroy;
  return {
    title: 'Recovering a resource stuck in Terminating',
    summary:
      'If a backend never confirms a termination (provider system unreachable, site agent offline, processor crash), the marketplace resource can remain in the Terminating state indefinitely.',
    what_you_see:
      'The standard resource actions (Edit, Terminate, ...) are still listed but most operations cannot be re-issued until the resource leaves the Terminating state.',
    offering_family: capabilitiesOf(type).family,
    paths: PATHS.map(({ column, ...p }) => {
      // Force destroy is not a seed column: Waldur has no UI for it ("it is API-only", §8.1).
      const cell = column ? (row.get(column) ?? NOT_AVAILABLE) : forceDestroy ? 'API only' : NOT_AVAILABLE;
      return { ...p, applies: cell !== NOT_AVAILABLE, waldur_ui: cell };
    }),
  };
}
