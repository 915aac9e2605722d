import { describe, expect, it } from 'vitest';
import { addDays, endDateOptions, endDateRefusal } from '../../src/modules/resources/domain/end-date.js';

// End-date rules of Waldur's resource serializers and `validate_end_date` (issue 15, item 3).
const TODAY = '2030-05-01';
const CREATED = '2030-04-01';

describe('endDateRefusal', () => {
  it('lets anyone clear the end date', () => {
    for (const who of ['consumer', 'provider', 'staff'] as const) {
      expect(endDateRefusal(who, null, TODAY, CREATED, {})).toBeNull();
    }
  });

  it('consumer: today is fine, yesterday is not', () => {
    expect(endDateRefusal('consumer', TODAY, TODAY, CREATED, {})).toBeNull();
    expect(endDateRefusal('consumer', '2030-04-30', TODAY, CREATED, {})).toBe(
      'Cannot be earlier than the current date.',
    );
  });

  it('provider and staff: at least 7 days ahead', () => {
    for (const who of ['provider', 'staff'] as const) {
      expect(endDateRefusal(who, '2030-05-08', TODAY, CREATED, {})).toBeNull();
      expect(endDateRefusal(who, '2030-05-05', TODAY, CREATED, {})).toBe(
        'Please set at least 7 days in advance.',
      );
    }
  });

  it('respects max_resource_termination_offset_in_days and latest_date_for_resource_termination', () => {
    const tooLate = 'End date can not be later than the maximal date set for termination.';
    const max = endDateOptions({ max_resource_termination_offset_in_days: 30 });
    expect(endDateRefusal('consumer', '2030-05-01', TODAY, CREATED, max)).toBeNull();
    expect(endDateRefusal('consumer', '2030-05-02', TODAY, CREATED, max)).toBe(tooLate);
    const latest = endDateOptions({ latest_date_for_resource_termination: '2030-06-01' });
    expect(endDateRefusal('consumer', '2030-06-02', TODAY, CREATED, latest)).toBe(tooLate);
    expect(
      endDateOptions({
        latest_date_for_resource_termination: 'soon',
        max_resource_termination_offset_in_days: 'x',
      }),
    ).toEqual({
      maxOffsetDays: undefined,
      latestDate: undefined,
    });
  });

  it('adds days across month ends in UTC', () => {
    expect(addDays('2030-01-31', 1)).toBe('2030-02-01');
    expect(addDays('2030-03-01', -1)).toBe('2030-02-28');
  });
});
