import { describe, expect, it } from 'vitest';
import { exposedFields, resolveFlags } from '../../src/modules/offering-users/domain/attribute-config.js';
import {
  canMove,
  nextState,
  OFFERING_USER_STATES,
  OFFERING_USER_TRANSITIONS,
  type OfferingUserAction,
  ROUTED_ACTIONS,
} from '../../src/modules/offering-users/domain/offering-user-state.js';
import { generateUsername } from '../../src/modules/offering-users/domain/username.js';

describe('offering user transition table', () => {
  it('every action leads to a known state from known states; username_set has no route', () => {
    for (const [action, t] of Object.entries(OFFERING_USER_TRANSITIONS)) {
      expect(OFFERING_USER_STATES, action).toContain(t.to);
      for (const from of t.from) expect(OFFERING_USER_STATES, action).toContain(from);
    }
    expect(ROUTED_ACTIONS).not.toContain('username_set');
    expect(ROUTED_ACTIONS).toContain('begin_creating');
  });

  it.each([
    ['begin_creating', 'Requested', 'Creating'],
    ['begin_creating', 'Error creating', 'Creating'],
    ['set_pending_account_linking', 'Creating', 'Pending account linking'],
    ['set_pending_account_linking', 'Pending additional validation', 'Pending account linking'],
    ['set_pending_additional_validation', 'Pending account linking', 'Pending additional validation'],
    ['set_validation_complete', 'Pending account linking', 'OK'],
    ['set_error_creating', 'Creating', 'Error creating'],
    ['username_set', 'Creating', 'OK'],
    ['set_deleting', 'Requested deletion', 'Deleting'],
    ['set_error_deleting', 'Deleting', 'Error deleting'],
  ] as const)('%s: %s → %s', (action, from, to) => {
    expect(nextState(action, from)).toBe(to);
  });

  it.each([
    ['begin_creating', 'OK'],
    ['set_validation_complete', 'Creating'],
    ['set_ok', 'OK'],
    ['set_deleted', 'OK'],
    ['username_set', 'OK'],
  ] as const)('%s from %s is refused with offering_user.invalid_state', (action, from) => {
    expect(canMove(action as OfferingUserAction, from)).toBe(false);
    expect(() => nextState(action, from)).toThrow(
      expect.objectContaining({ code: 'offering_user.invalid_state', kind: 'invalid_state' }),
    );
  });
});

describe('username generation', () => {
  const who = { username: 'jdoe', first_name: 'Jöhn', last_name: 'Doe' };
  it.each([
    [{}, null],
    [{ username_generation_policy: 'service_provider' }, null],
    [{ username_generation_policy: 'waldur_username' }, 'jdoe'],
    [{ username_generation_policy: 'full_name' }, 'john_doe'],
    [{ username_generation_policy: 'anonymized' }, 'waldur_00001'],
    [{ username_generation_policy: 'anonymized', username_anonymized_prefix: 'x_' }, 'x_00001'],
  ])('%j → %s', (options, expected) => {
    expect(generateUsername(options, who, new Set())).toBe(expected);
  });

  it('never repeats a taken name', () => {
    expect(generateUsername({ username_generation_policy: 'full_name' }, who, new Set(['john_doe']))).toBe(
      'john_doe_01',
    );
    expect(
      generateUsername({ username_generation_policy: 'anonymized' }, who, new Set(['waldur_00002', 'other'])),
    ).toBe('waldur_00003');
  });
});

describe('user attribute config', () => {
  it('defaults to username, full name and e-mail; stored flags win', () => {
    expect(exposedFields(resolveFlags(undefined))).toEqual(['full_name', 'email', 'username']);
    expect(exposedFields(resolveFlags({ expose_email: true }))).toEqual(['email']);
  });
});
