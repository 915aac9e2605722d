import { describe, expect, it } from 'vitest';
import { everyColumnOf } from '../../src/platform/db/column-lists.js';

interface Row {
  id: number;
  name: string;
  created: Date;
}

describe('everyColumnOf', () => {
  it('returns a complete list as given; an incomplete one does not compile (tsc in CI)', () => {
    const columns = everyColumnOf<Row>()(['id', 'name', 'created']);
    expect(columns).toEqual(['id', 'name', 'created']);
    // @ts-expect-error 'created' is missing: the argument must then carry `{ missing: 'created' }`.
    const partial = everyColumnOf<Row>()(['id', 'name']);
    expect(partial).toHaveLength(2);
  });
});
