import { describe, expect, it } from 'vitest';
import { duplicatePositions, progressOf } from '../../src/modules/bulk-jobs/domain/bulk-job.js';

describe('bulk job domain', () => {
  it('progress counts each outcome; finished is everything but pending', () => {
    expect(progressOf(['done', 'refused', 'skipped', 'pending', 'done'])).toEqual({
      total: 5,
      finished: 4,
      done: 2,
      refused: 1,
      skipped: 1,
      pending: 1,
    });
    expect(progressOf([])).toEqual({ total: 0, finished: 0, done: 0, refused: 0, skipped: 0, pending: 0 });
  });

  it('an order listed again is a duplicate at its later positions only', () => {
    expect([...duplicatePositions(['a', 'b', 'a', 'c', 'b', 'a'])]).toEqual([2, 4, 5]);
    expect(duplicatePositions(['a', 'b']).size).toBe(0);
  });
});
