import { describe, expect, it } from 'vitest';
import {
  joinStateTitles,
  ORDER_STATE_DISPLAY,
  renderLifecycleTable,
} from '../../src/modules/orders/domain/order-state-display.js';

// Seed 000, "Order lifecycle" table, copied row by row.
const SEED_LIFECYCLE_ROWS = [
  ['Pending consumer', 'Waiting for consumer approval'],
  ['Pending provider', 'Waiting for provider approval'],
  ['Executing', 'Resource provisioning in progress'],
  ['Done', 'Order completed successfully'],
  ['Erred', 'Order failed with errors'],
  ['Canceled', 'Order was canceled'],
  ['Rejected', 'Order was rejected by provider'],
];

describe('order state display', () => {
  it('renders the user guide lifecycle table, correcting only who can reject (spec §1.1)', () => {
    const expected = SEED_LIFECYCLE_ROWS.map((row) =>
      // §1.1: "[UG] says 'by provider'; the consumer can reject too (§7.8)".
      row[0] === 'Rejected' ? ['Rejected', 'Order was rejected by the provider or the consumer'] : row,
    );
    expect(renderLifecycleTable()).toEqual(expected);
  });

  it('titles the states of seed 001 cancel conditions as the guide does', () => {
    expect(joinStateTitles(['pending-consumer', 'pending-provider', 'pending-start-date', 'executing'])).toBe(
      'Pending consumer, Pending provider, Pending start date or Executing',
    );
  });

  it('has a title and a description for every state', () => {
    for (const display of Object.values(ORDER_STATE_DISPLAY)) {
      expect(display.title.length).toBeGreaterThan(0);
      expect(display.description.length).toBeGreaterThan(0);
    }
  });
});
