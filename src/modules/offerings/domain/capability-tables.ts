/**
 * Documentation tables generated from the capability table (orders spec §17 d: "The docs table in
 * §10.3 is generated from it"), so docs and behaviour cannot drift apart.
 *
 * - {@link renderCancellationPaths}: the user guide's "Cancellation paths by offering type" table
 *   (seed 001), describing what Waldur's web client (HomePort) exposes. Orderly's own UI exposes
 *   more (§17 f); this table stays a statement about Waldur compatibility.
 * - {@link renderCapabilityMatrix}: the §10.3 per-type matrix.
 */
import {
  type Capability,
  OFFERING_CAPABILITIES,
  type OfferingCapabilities,
  type ProcessorKind,
  type ProviderApproval,
} from './capabilities.js';
import { OFFERING_TYPES, type OfferingType } from './offering-type.js';

/** A rendered table: a header row and body rows of plain cell text. */
export interface RenderedTable {
  /** Column headers. */
  readonly header: readonly string[];
  /** Body rows, one array of cells per row. */
  readonly rows: readonly (readonly string[])[];
}

/** The seed's columns: which capability each shows and how HomePort labels a supported cell. */
const CANCELLATION_COLUMNS: readonly { header: string; capability: Capability; shown: string }[] = [
  { header: 'Cancel order (consumer)', capability: 'cancel', shown: 'Yes' },
  // HomePort shows Cancel termination to staff only ([UG]); the API also admits ORDER.APPROVE on
  // the offering's customer (§7.21, §17 f), which this Waldur-UI table does not describe.
  { header: 'Cancel termination (staff)', capability: 'cancelTermination', shown: 'Yes (staff)' },
  { header: 'Set as erred (provider)', capability: 'setAsErred', shown: 'Yes' },
  // Waldur exposes set_state_ok only through the API for marketplace resources ([UG]).
  { header: 'Set state OK', capability: 'setStateOk', shown: 'API only' },
];

/** The dash the user guide uses for "not available". */
export const NOT_AVAILABLE = '—';

/** Families listed by the user guide's table, in its order (seed 001). */
export const HOMEPORT_CANCELLATION_FAMILIES: readonly string[] = [
  'Basic',
  'Support',
  'Remote',
  'OpenStack',
  'SLURM',
  'Rancher',
  'Script',
];

function rowsOfFamily(family: string): OfferingCapabilities[] {
  const rows = Object.values(OFFERING_CAPABILITIES).filter((caps) => caps.family === family);
  if (rows.length === 0) throw new RangeError(`Unknown offering family ${family}`);
  return rows;
}

function familyCell(family: string, capability: Capability, shown: string): string {
  const values = new Set(rowsOfFamily(family).map((caps) => caps[capability]));
  // A family is one row in the guide, so its types must agree; a split is a data error.
  if (values.size > 1) throw new Error(`Family ${family} disagrees on ${capability}`);
  return values.has(true) ? shown : NOT_AVAILABLE;
}

/** Renders "Cancellation paths by offering type" (seed 001) row by row from the capability data. */
export function renderCancellationPaths(
  families: readonly string[] = HOMEPORT_CANCELLATION_FAMILIES,
): RenderedTable {
  return {
    header: ['Offering type', ...CANCELLATION_COLUMNS.map((c) => c.header)],
    rows: families.map((family) => [
      family,
      ...CANCELLATION_COLUMNS.map((c) => familyCell(family, c.capability, c.shown)),
    ]),
  };
}

const APPROVAL_TEXT: Record<ProviderApproval, string> = {
  always: 'always',
  never: 'never',
  remote_rule: 'conditional (§5.3)',
  script_rule: 'conditional (§5.3)',
};

/** One-line "how an EXECUTING order finishes" per processor kind (§10.3, tenant spec §2.1). */
export const PROCESSOR_DESCRIPTIONS: Record<ProcessorKind, string> = {
  manual:
    'stays EXECUTING until the provider calls set_state_done (or completes at approval with auto_complete_on_approval)',
  site_agent: 'stays EXECUTING until the site agent calls set_state_done / set_state_erred',
  helpdesk: 'opens a helpdesk issue; done when it is resolved or via set_state_done',
  remote: 'remote order state pulled (§17 g)',
  script: 'script processor',
  plugin_scope: 'plugin scope state sync',
  booking: 'the provider confirms the booking',
  saga: 'the provisioning saga completes it',
};

const MATRIX_ACTIONS: readonly Capability[] = [
  'cancel',
  'setStateExecuting',
  'setStateDone',
  'setStateErred',
  'retry',
];

/** Renders the §10.3 per-type matrix; unsupported order actions read "405" as the API answers. */
export function renderCapabilityMatrix(types: readonly OfferingType[] = OFFERING_TYPES): RenderedTable {
  return {
    header: [
      'Type',
      'Provider approval',
      'cancel',
      'set_state_executing',
      'set_state_done',
      'set_state_erred',
      'retry',
      'cancel_termination',
      'How an EXECUTING order finishes',
    ],
    rows: types.map((type) => {
      const caps = OFFERING_CAPABILITIES[type];
      return [
        `\`${type}\``,
        APPROVAL_TEXT[caps.providerApproval],
        ...MATRIX_ACTIONS.map((cap) => (caps[cap] ? 'yes' : '405')),
        caps.cancelTermination ? 'yes' : NOT_AVAILABLE,
        PROCESSOR_DESCRIPTIONS[caps.processor],
      ];
    }),
  };
}

/** Formats a rendered table as Markdown in the user guide's style (`| a | b |`, `|---|---|`). */
export function toMarkdown(table: RenderedTable): string[] {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  const separator = `|${table.header.map(() => '---').join('|')}|`;
  return [line(table.header), separator, ...table.rows.map(line)];
}
