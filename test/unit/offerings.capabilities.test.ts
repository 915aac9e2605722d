import { describe, expect, it } from 'vitest';
import {
  CAPABILITY_LABELS,
  type Capability,
  capabilitiesOf,
  capabilityReason,
  checkCapability,
  supports,
} from '../../src/modules/offerings/domain/capabilities.js';
import {
  renderCancellationPaths,
  renderCapabilityMatrix,
  toMarkdown,
} from '../../src/modules/offerings/domain/capability-tables.js';
import { OFFERING_TYPES, type OfferingType } from '../../src/modules/offerings/domain/offering-type.js';

const CAPABILITIES = Object.keys(CAPABILITY_LABELS) as Capability[];

// Every capability every type has, from spec §10.2–§10.3, §17 d, tenant spec §2 and seed 001.
// Resource recovery paths (restore, forceDestroy, setAsErred, setStateOk) and UPDATE orders are
// common to all Waldur types, so they are listed once.
const COMMON: Capability[] = [
  'updateOrders',
  'restore',
  'forceDestroy',
  'forceDestroyInFlight',
  'setAsErred',
  'setStateOk',
];
const EXPECTED_SUPPORTED: Record<OfferingType, Capability[]> = {
  'Marketplace.Basic': [
    ...COMMON,
    'cancel',
    'orderCanTerminate',
    'setStateDone',
    'retry',
    'updateLimits',
    'swappable',
  ],
  'Marketplace.Slurm': [
    ...COMMON,
    'setStateExecuting',
    'setStateDone',
    'setStateErred',
    'retry',
    'updateLimits',
    'swappable',
  ],
  'SlurmInvoices.SlurmPackage': [...COMMON, 'updateLimits', 'interruptible'],
  'Waldur.RemoteOffering': [...COMMON, 'cancelTermination', 'updateLimits'],
  'OpenStack.Tenant': [...COMMON, 'updateLimits', 'interruptible'],
  'OpenStack.Instance': [...COMMON, 'interruptible'],
  'OpenStack.Volume': [...COMMON, 'interruptible'],
  'Marketplace.Script': [...COMMON, 'updateLimits', 'interruptible'],
  'Marketplace.Rancher': [...COMMON, 'interruptible'],
  'Marketplace.Booking': [...COMMON],
  'Support.OfferingTemplate': [...COMMON, 'cancel', 'orderCanTerminate', 'setStateDone', 'updateLimits'],
  'VMware.VirtualMachine': [...COMMON, 'updateLimits', 'interruptible'],
  'Azure.VirtualMachine': [...COMMON, 'interruptible'],
  'Azure.SQLServer': [...COMMON, 'interruptible'],
  LEXIS: [...COMMON, 'interruptible'],
  'Orderly.Tenant': ['forceDestroy', 'setAsErred', 'setStateOk', 'retry'],
};

const TYPE_CAPABILITY_PAIRS = OFFERING_TYPES.flatMap((type) =>
  CAPABILITIES.map((cap) => [type, cap] as const),
);

describe('capability table', () => {
  it.each(TYPE_CAPABILITY_PAIRS)('%s / %s matches the spec', (type, cap) => {
    expect(supports(type, cap)).toBe(EXPECTED_SUPPORTED[type].includes(cap));
  });

  it('requires provider approval as §5.3 says', () => {
    const approvals = Object.fromEntries(OFFERING_TYPES.map((t) => [t, capabilitiesOf(t).providerApproval]));
    expect(approvals).toMatchObject({
      'Marketplace.Basic': 'always',
      'Marketplace.Slurm': 'always',
      'Waldur.RemoteOffering': 'remote_rule',
      'Marketplace.Script': 'script_rule',
      'Support.OfferingTemplate': 'never',
      'OpenStack.Tenant': 'never',
      'Orderly.Tenant': 'never',
    });
  });

  it('names the processor kind of each special type', () => {
    expect(capabilitiesOf('Marketplace.Basic').processor).toBe('manual');
    expect(capabilitiesOf('Marketplace.Slurm').processor).toBe('site_agent');
    expect(capabilitiesOf('Support.OfferingTemplate').processor).toBe('helpdesk');
    expect(capabilitiesOf('Waldur.RemoteOffering').processor).toBe('remote');
    expect(capabilitiesOf('Orderly.Tenant').processor).toBe('saga');
    expect(capabilitiesOf('OpenStack.Volume').processor).toBe('plugin_scope');
  });
});

describe('capability reasons', () => {
  it.each([
    ['retry', 'Retry is supported for Basic, SLURM and Orderly Tenant offerings only.'],
    ['cancel', 'Cancel is supported for Basic and Support offerings only.'],
    ['setStateDone', 'Set state done is supported for Basic, SLURM and Support offerings only.'],
    ['setStateExecuting', 'Set state executing is supported for SLURM offerings only.'],
    ['setStateErred', 'Set state erred is supported for SLURM offerings only.'],
    ['cancelTermination', 'Cancel termination is supported for Remote offerings only.'],
  ] as const)('phrases the %s refusal from the table', (cap, text) => {
    expect(capabilityReason(cap)).toBe(text);
  });

  it('returns the reason only when unsupported', () => {
    expect(checkCapability('Marketplace.Basic', 'retry')).toEqual({ supported: true });
    expect(checkCapability('Support.OfferingTemplate', 'retry')).toEqual({
      supported: false,
      reason: 'Retry is supported for Basic, SLURM and Orderly Tenant offerings only.',
    });
  });
});

describe('generated docs tables', () => {
  // Seed 001, "Cancellation paths by offering type", copied line by line.
  const SEED_CANCELLATION_PATHS = [
    '| Offering type | Cancel order (consumer) | Cancel termination (staff) | Set as erred (provider) | Set state OK |',
    '|---|---|---|---|---|',
    '| Basic | Yes | — | Yes | API only |',
    '| Support | Yes | — | Yes | API only |',
    '| Remote | — | Yes (staff) | Yes | API only |',
    '| OpenStack | — | — | Yes | API only |',
    '| SLURM | — | — | Yes | API only |',
    '| Rancher | — | — | Yes | API only |',
    '| Script | — | — | Yes | API only |',
  ];

  it('renders the cancellation-paths table exactly as seed 001, row by row', () => {
    const rendered = toMarkdown(renderCancellationPaths());
    expect(rendered).toHaveLength(SEED_CANCELLATION_PATHS.length);
    rendered.forEach((line, i) => {
      expect(line).toBe(SEED_CANCELLATION_PATHS[i]);
    });
  });

  it('refuses a family it does not know', () => {
    expect(() => renderCancellationPaths(['Mainframe'])).toThrow(RangeError);
  });

  // Spec §10.3 and §17 d rows (first eight columns), with annotations such as "(§7.21)" dropped.
  const SPEC_MATRIX_ROWS: Partial<Record<OfferingType, string[]>> = {
    'Marketplace.Basic': ['always', 'yes', '405', 'yes', '405', 'yes', '—'],
    'Marketplace.Slurm': ['always', '405', 'yes', 'yes', 'yes', 'yes', '—'],
    'Support.OfferingTemplate': ['never', 'yes', '405', 'yes', '405', '405', '—'],
    'Waldur.RemoteOffering': ['conditional (§5.3)', '405', '405', '405', '405', '405', 'yes'],
    'Marketplace.Script': ['conditional (§5.3)', '405', '405', '405', '405', '405', '—'],
    'OpenStack.Tenant': ['never', '405', '405', '405', '405', '405', '—'],
    'Marketplace.Rancher': ['never', '405', '405', '405', '405', '405', '—'],
    'Orderly.Tenant': ['never', '405', '405', '405', '405', 'yes', '—'],
  };

  it.each(Object.entries(SPEC_MATRIX_ROWS))('renders the §10.3 row of %s', (type, cells) => {
    const row = renderCapabilityMatrix([type as OfferingType]).rows[0];
    expect(row?.slice(0, 8)).toEqual([`\`${type}\``, ...cells]);
  });

  it('renders one matrix row per offering type', () => {
    expect(renderCapabilityMatrix().rows).toHaveLength(OFFERING_TYPES.length);
  });
});
