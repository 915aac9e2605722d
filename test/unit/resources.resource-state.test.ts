import { describe, expect, it } from 'vitest';
import { InvalidResourceTransitionError } from '../../src/modules/resources/domain/errors.js';
import {
  allowed,
  canTransition,
  INITIAL_RESOURCE_STATE,
  isResourceState,
  isTerminated,
  isTransitional,
  RESOURCE_STATE_CODES,
  RESOURCE_STATES,
  type ResourceState,
  resourceStateFromCode,
  resourceStateToCode,
  transition,
} from '../../src/modules/resources/domain/resource-state.js';

// Orders spec §4.1, written out independently: django-fsm methods and their sources.
const ANY = RESOURCE_STATES;
const EXPECTED_EDGES = new Set<string>([
  ...(['Erred', 'Creating', 'Updating', 'Terminating'] as const).map((from) => `${from} → OK`), // set_state_ok
  ...(['Terminated', 'Erred'] as const).map((from) => `${from} → Creating`), // set_state_creating
  ...ANY.map((from) => `${from} → Erred`), // set_state_erred
  ...ANY.map((from) => `${from} → Updating`), // set_state_updating
  ...ANY.map((from) => `${from} → Terminating`), // set_state_terminating
  ...ANY.map((from) => `${from} → Terminated`), // set_state_terminated
]);

const PAIRS = RESOURCE_STATES.flatMap((from) => RESOURCE_STATES.map((to) => [from, to] as const));

describe('resource states', () => {
  it('maps every state to the database code of spec §1.3', () => {
    expect(RESOURCE_STATE_CODES).toEqual({
      Creating: 1,
      OK: 2,
      Erred: 3,
      Updating: 4,
      Terminating: 5,
      Terminated: 6,
    });
  });

  it.each(RESOURCE_STATES)('round-trips %s through its code', (state) => {
    expect(resourceStateFromCode(resourceStateToCode(state))).toBe(state);
  });

  it('rejects unknown codes and labels', () => {
    expect(() => resourceStateFromCode(0)).toThrow(RangeError);
    expect(isResourceState('OK')).toBe(true);
    expect(isResourceState('ok')).toBe(false);
  });

  it('creates resources in Creating', () => {
    expect(INITIAL_RESOURCE_STATE).toBe('Creating');
  });

  it('derives the predicates', () => {
    expect(RESOURCE_STATES.filter(isTerminated)).toEqual(['Terminated']);
    expect(RESOURCE_STATES.filter(isTransitional)).toEqual(['Creating', 'Updating', 'Terminating']);
  });
});

describe('resource transition table (every pair)', () => {
  it('has exactly the edges of §4.1', () => {
    const actual = RESOURCE_STATES.flatMap((from) => allowed[from].map((to) => `${from} → ${to}`));
    expect(new Set(actual)).toEqual(EXPECTED_EDGES);
  });

  it.each(PAIRS)('%s → %s follows the §4.1 FSM', (from: ResourceState, to: ResourceState) => {
    const expected = EXPECTED_EDGES.has(`${from} → ${to}`);
    expect(canTransition(from, to)).toBe(expected);
    if (expected) expect(transition(from, to)).toBe(to);
    else expect(() => transition(from, to)).toThrow(InvalidResourceTransitionError);
  });

  it('refuses OK → OK like TransitionNotAllowed, with a typed error', () => {
    expect(() => transition('OK', 'OK')).toThrow(
      expect.objectContaining({ code: 'resource.invalid_transition', kind: 'invalid_state' }),
    );
  });
});
