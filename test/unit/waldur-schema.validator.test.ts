import { describe, expect, it } from 'vitest';
import { loadWaldurSchema, validate } from '../support/waldur-schema.js';

// The checker of test/http/waldur-schema*.test.ts must be able to fail: each broken field below is
// one a Waldur client trips over.

const schema = loadWaldurSchema();
const order = { $ref: 'OrderDetails' };
const resource = { $ref: 'Resource' };
const good = {
  uuid: '0b7c1ba8a4a64d5c9b1bd1bb2a4f2c11',
  created: '2026-12-06T00:40:42.123456Z',
  state: 'pending-consumer',
  type: 'Create',
  start_date: null,
  completed_at: null,
  limits: { cpu: 2 },
  abilities: { approve: { allowed: true } },
};

describe('validate (against the Waldur fixture)', () => {
  it('accepts a fitting body, with Orderly-only keys such as abilities', () => {
    expect(validate(schema, order, good)).toEqual([]);
    expect(validate(schema, { type: 'array', items: order }, [good, good])).toEqual([]);
  });

  it.each([
    [
      'null date-time that is not nullable',
      resource,
      { last_sync: null },
      '$.last_sync: null, but not nullable',
    ],
    ['value outside the enum', order, { ...good, state: 'Done' }, '$.state: "Done" not in enum'],
    ['malformed uuid', order, { ...good, uuid: 'abc' }, '$.uuid: "abc" is not uuid'],
    [
      'malformed date-time',
      order,
      { ...good, created: '06.12.2026' },
      '$.created: "06.12.2026" is not date-time',
    ],
    ['date-time where a date belongs', order, { ...good, start_date: '2026-12-06T00:00:00Z' }, 'is not date'],
    ['number where a string belongs', order, { ...good, cost: 5 }, '$.cost: number, expected string'],
    [
      'fractional limit (integers only)',
      order,
      { ...good, limits: { cpu: 1.5 } },
      '$.limits.cpu: number, expected integer',
    ],
    ['object where an array belongs', resource, { endpoints: {} }, '$.endpoints: object, expected array'],
    [
      'bad array item',
      resource,
      { endpoints: [{ uuid: 5 }] },
      '$.endpoints[0].uuid: number, expected string',
    ],
  ])('rejects a %s', (_what, node, body, problem) => {
    const problems = validate(schema, node, body);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(problem);
  });

  it('reports a required field that is missing', () => {
    const problems = validate(schema, { $ref: 'ProjectOrderAutoApproval' }, {});
    expect(problems).toContain('$.modified_by_full_name: required, missing');
  });
});
