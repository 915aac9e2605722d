import { describe, expect, it } from 'vitest';
import {
  addMonths,
  MONTH_PATTERN,
  monthOf,
  monthRange,
} from '../../src/modules/provider-figures/domain/periods.js';

describe('billing month ranges of provider figures', () => {
  const now = new Date('2026-03-15T12:00:00Z');

  it('adds months across year ends both ways', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-03', -11)).toBe('2025-04');
    expect(monthOf(now)).toBe('2026-03');
  });

  it('defaults to the twelve months up to now, and up to `end` when only it is given', () => {
    expect(monthRange(now)).toEqual({ first: '2025-04-01', last: '2026-03-01' });
    expect(monthRange(now, undefined, '2025-06')).toEqual({ first: '2024-07-01', last: '2025-06-01' });
    expect(monthRange(now, '2026-01')).toEqual({ first: '2026-01-01', last: '2026-03-01' });
  });

  it('swaps a reversed range rather than answering nothing', () => {
    expect(monthRange(now, '2026-02', '2025-11')).toEqual({ first: '2025-11-01', last: '2026-02-01' });
  });

  it('accepts only YYYY-MM months', () => {
    expect(['2026-01', '1999-12'].every((m) => MONTH_PATTERN.test(m))).toBe(true);
    expect(['2026-13', '2026-1', '2026-01-01', 'march'].some((m) => MONTH_PATTERN.test(m))).toBe(false);
  });
});
