import { describe, expect, it } from 'vitest';
import { InvalidOrderTransitionError } from '../../src/modules/orders/domain/errors.js';
import {
  allowed,
  BLOCKING_STATES,
  canTransition,
  INITIAL_ORDER_STATE,
  isOrderState,
  isPending,
  isTerminal,
  ORDER_STATE_CODES,
  ORDER_STATES,
  type OrderState,
  orderStateFromCode,
  orderStateToCode,
  PENDING_STATES,
  TERMINAL_STATES,
  transition,
} from '../../src/modules/orders/domain/order-state.js';
import {
  isOrderType,
  ORDER_TYPES,
  orderTypeFromCode,
  orderTypeToCode,
} from '../../src/modules/orders/domain/order-type.js';
import { DomainError } from '../../src/platform/errors.js';

// The effective graph of orders spec §3.3, written out independently of the implementation.
const EXPECTED_EDGES: readonly string[] = [
  // routing after creation / consumer approval (§5.1, §5.4)
  'pending-consumer → pending-project',
  'pending-consumer → pending-provider',
  'pending-consumer → pending-start-date',
  'pending-consumer → executing',
  // continue_order_processing (§5.6)
  'pending-project → pending-provider',
  'pending-project → pending-start-date',
  'pending-project → executing',
  // approve_by_provider (§7.6)
  'pending-provider → pending-start-date',
  'pending-provider → executing',
  // daily start-date task (§5.6)
  'pending-start-date → executing',
  // outcomes
  'executing → done',
  'executing → erred',
  // retry, set_state_executing (Slurm)
  'erred → executing',
  // rejections (§7.7, §7.8)
  'pending-consumer → rejected',
  'pending-provider → rejected',
  // cancel (§7.11), terminate_resource (§11.5), cancel_termination (§7.21)
  'pending-consumer → canceled',
  'pending-provider → canceled',
  'pending-start-date → canceled',
  'executing → canceled',
  // set_state_erred from any state (§7.14)
  ...[
    'pending-consumer',
    'pending-provider',
    'pending-project',
    'pending-start-date',
    'done',
    'erred',
    'canceled',
    'rejected',
  ].map((from) => `${from} → erred`),
];

const PAIRS = ORDER_STATES.flatMap((from) => ORDER_STATES.map((to) => [from, to] as const));

describe('order states', () => {
  it('maps every state to the database code of spec §1.1', () => {
    expect(ORDER_STATE_CODES).toEqual({
      'pending-consumer': 1,
      executing: 2,
      done: 3,
      erred: 4,
      canceled: 5,
      rejected: 6,
      'pending-provider': 7,
      'pending-project': 8,
      'pending-start-date': 9,
    });
  });

  it('lists states in Waldur CHOICES order', () => {
    expect(ORDER_STATES).toEqual([
      'pending-consumer',
      'pending-provider',
      'pending-project',
      'pending-start-date',
      'executing',
      'done',
      'erred',
      'canceled',
      'rejected',
    ]);
  });

  it.each(ORDER_STATES)('round-trips %s through its code', (state) => {
    expect(orderStateFromCode(orderStateToCode(state))).toBe(state);
  });

  it('rejects an unknown code as a programming error', () => {
    expect(() => orderStateFromCode(10)).toThrow(RangeError);
  });

  it('recognises labels and rejects other strings', () => {
    expect(isOrderState('pending-start-date')).toBe(true);
    expect(isOrderState('PENDING_CONSUMER')).toBe(false);
  });

  it('starts new orders in pending-consumer', () => {
    expect(INITIAL_ORDER_STATE).toBe('pending-consumer');
  });

  it('defines TERMINAL and PENDING sets exactly as §1.1', () => {
    expect([...TERMINAL_STATES].sort()).toEqual(['canceled', 'done', 'erred', 'rejected']);
    expect([...PENDING_STATES].sort()).toEqual([
      'executing',
      'pending-consumer',
      'pending-project',
      'pending-provider',
      'pending-start-date',
    ]);
  });

  it.each(ORDER_STATES)('classifies %s as exactly one of terminal or pending', (state) => {
    expect(isTerminal(state)).toBe(TERMINAL_STATES.has(state));
    expect(isPending(state)).toBe(PENDING_STATES.has(state));
    expect(isTerminal(state) !== isPending(state)).toBe(true);
  });

  it('blocks new orders only for pending-consumer, pending-provider and executing (§7.1, §16.7)', () => {
    expect([...BLOCKING_STATES].sort()).toEqual(['executing', 'pending-consumer', 'pending-provider']);
  });
});

describe('order transition table (every pair)', () => {
  it('has exactly the edges of §3.3', () => {
    const actual = ORDER_STATES.flatMap((from) => allowed[from].map((to) => `${from} → ${to}`));
    expect([...actual].sort()).toEqual([...EXPECTED_EDGES].sort());
  });

  it.each(PAIRS)('%s → %s follows the effective graph', (from: OrderState, to: OrderState) => {
    const expected = EXPECTED_EDGES.includes(`${from} → ${to}`);
    expect(canTransition(from, to)).toBe(expected);
    if (expected) {
      expect(transition(from, to)).toBe(to);
    } else {
      expect(() => transition(from, to)).toThrow(InvalidOrderTransitionError);
    }
  });

  it('throws a typed invalid-transition error with a stable code', () => {
    let caught: unknown;
    try {
      transition('done', 'executing');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect(caught).toMatchObject({
      kind: 'invalid_state',
      code: 'order.invalid_transition',
      from: 'done',
      to: 'executing',
      message: 'Order cannot move from done to executing.',
    });
  });
});

describe('order types', () => {
  it('maps labels to the codes of §1.2', () => {
    expect(ORDER_TYPES.map((t) => [t, orderTypeToCode(t)])).toEqual([
      ['Create', 1],
      ['Update', 2],
      ['Terminate', 3],
      ['Restore', 4],
    ]);
  });

  it.each(ORDER_TYPES)('round-trips %s through its code', (type) => {
    expect(orderTypeFromCode(orderTypeToCode(type))).toBe(type);
  });

  it('rejects unknown codes and labels', () => {
    expect(() => orderTypeFromCode(5)).toThrow(RangeError);
    expect(isOrderType('Terminate')).toBe(true);
    expect(isOrderType('terminate')).toBe(false);
  });
});
