import { describe, expect, it } from 'vitest';
import { isExpired, orderable } from '../../src/modules/marketplace/domain/orderable.js';
import { terminable } from '../../src/modules/marketplace/domain/terminable.js';

describe('orderable: the one "can this order be placed now" rule (decision 0017)', () => {
  const facts = { offeringState: 'Active', projectExpired: false } as const;

  it('a new resource needs an Active offering and a live project', () => {
    expect(orderable({ ...facts, orderType: 'Create' })).toBeUndefined();
    expect(orderable({ ...facts, orderType: 'Create', offeringState: 'Paused' })).toBe(
      'offering_not_orderable',
    );
    expect(orderable({ ...facts, orderType: 'Create', projectExpired: true })).toBe('project_expired');
  });

  it('an order on an existing resource accepts a Paused offering, never an Unavailable one', () => {
    expect(orderable({ ...facts, orderType: 'Update', offeringState: 'Paused' })).toBeUndefined();
    expect(orderable({ ...facts, orderType: 'Update', offeringState: 'Archived' })).toBe(
      'offering_not_orderable',
    );
    expect(orderable({ ...facts, orderType: 'Restore', offeringState: 'Unavailable' })).toBe(
      'offering_unavailable',
    );
    expect(orderable({ ...facts, orderType: 'Terminate', offeringState: 'Unavailable' })).toBe(
      'offering_unavailable',
    );
  });

  it('a Terminate needs neither a live project nor an orderable offering', () => {
    expect(
      orderable({ orderType: 'Terminate', offeringState: 'Archived', projectExpired: true }),
    ).toBeUndefined();
    expect(orderable({ orderType: 'Update', offeringState: 'Active', projectExpired: true })).toBe(
      'project_expired',
    );
  });

  it('a project is expired the day after its end date', () => {
    expect(isExpired('2026-01-01', '2026-01-01')).toBe(false);
    expect(isExpired('2026-01-01', '2026-01-02')).toBe(true);
    expect(isExpired(null, '2026-01-02')).toBe(false);
  });
});

describe('terminable: the one "can this resource be terminated" state rule', () => {
  it('OK and Erred only', () => {
    expect(
      ['Creating', 'OK', 'Erred', 'Updating', 'Terminating', 'Terminated'].filter((s) =>
        terminable(s as Parameters<typeof terminable>[0]),
      ),
    ).toEqual(['OK', 'Erred']);
  });
});
