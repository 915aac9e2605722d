import { describe, expect, it } from 'vitest';
import { InvalidOfferingTransitionError } from '../../src/modules/offerings/domain/errors.js';
import {
  allowed,
  applyOfferingAction,
  canTransition,
  isOfferingType,
  OFFERING_ACTIONS,
  OFFERING_STATE_CODES,
  OFFERING_STATES,
  OFFERING_TYPES,
  type OfferingAction,
  type OfferingState,
  offeringStateFromCode,
  offeringStateToCode,
} from '../../src/modules/offerings/domain/offering-type.js';

// Waldur `Offering` FSM ([MMr] marketplace/models.py), written out independently.
const EXPECTED_EDGES = new Set<string>([
  'Draft → Active',
  'Paused → Active',
  'Unavailable → Active', // activate
  'Active → Paused', // pause
  'Active → Unavailable', // make_unavailable
  ...OFFERING_STATES.map((from) => `${from} → Archived`), // archive: source="*"
  ...OFFERING_STATES.map((from) => `${from} → Draft`), // draft: source="*"
]);

const PAIRS = OFFERING_STATES.flatMap((from) => OFFERING_STATES.map((to) => [from, to] as const));

describe('offering types', () => {
  it('lists every type string of spec §10.1 plus Orderly.Tenant', () => {
    expect(OFFERING_TYPES).toEqual([
      'Marketplace.Basic',
      'Marketplace.Slurm',
      'SlurmInvoices.SlurmPackage',
      'Waldur.RemoteOffering',
      'OpenStack.Tenant',
      'OpenStack.Instance',
      'OpenStack.Volume',
      'Marketplace.Script',
      'Marketplace.Rancher',
      'Marketplace.Booking',
      'Support.OfferingTemplate',
      'VMware.VirtualMachine',
      'Azure.VirtualMachine',
      'Azure.SQLServer',
      'LEXIS',
      'Orderly.Tenant',
    ]);
  });

  it('has no Marketplace.Support type (the support type is Support.OfferingTemplate)', () => {
    expect(isOfferingType('Marketplace.Support')).toBe(false);
    expect(isOfferingType('Support.OfferingTemplate')).toBe(true);
  });
});

describe('offering states', () => {
  it('maps states to the codes of §1.4', () => {
    expect(OFFERING_STATE_CODES).toEqual({ Draft: 1, Active: 2, Paused: 3, Archived: 4, Unavailable: 5 });
  });

  it.each(OFFERING_STATES)('round-trips %s through its code', (state) => {
    expect(offeringStateFromCode(offeringStateToCode(state))).toBe(state);
  });

  it('rejects an unknown code', () => {
    expect(() => offeringStateFromCode(6)).toThrow(RangeError);
  });

  it('derives exactly the FSM edges', () => {
    const actual = OFFERING_STATES.flatMap((from) => allowed[from].map((to) => `${from} → ${to}`));
    expect(new Set(actual)).toEqual(EXPECTED_EDGES);
  });

  it.each(PAIRS)('%s → %s follows the offering FSM', (from: OfferingState, to: OfferingState) => {
    expect(canTransition(from, to)).toBe(EXPECTED_EDGES.has(`${from} → ${to}`));
  });
});

describe('offering actions', () => {
  const ACTION_PAIRS = (Object.keys(OFFERING_ACTIONS) as OfferingAction[]).flatMap((action) =>
    OFFERING_STATES.map((from) => [action, from] as const),
  );

  it.each(ACTION_PAIRS)('%s from %s is allowed exactly when the action lists the source', (action, from) => {
    const rule = OFFERING_ACTIONS[action];
    if (rule.from.includes(from)) expect(applyOfferingAction(action, from, true)).toBe(rule.to);
    else expect(() => applyOfferingAction(action, from, true)).toThrow(InvalidOfferingTransitionError);
  });

  it('requires plans to activate or unpause (offering_has_plans)', () => {
    expect(() => applyOfferingAction('activate', 'Draft', false)).toThrow(
      expect.objectContaining({ code: 'offering.invalid_transition' }),
    );
    expect(() => applyOfferingAction('unpause', 'Paused', false)).toThrow(InvalidOfferingTransitionError);
    expect(applyOfferingAction('pause', 'Active', false)).toBe('Paused');
  });
});
