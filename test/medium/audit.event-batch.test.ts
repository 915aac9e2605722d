import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NewEvent, recordEvent, recordEvents } from '../../src/modules/audit/app/record-event.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { makeUser } from '../support/factories.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const stored = (types: string[]) =>
  t.db
    .selectFrom('events')
    .select([
      'id',
      'event_type',
      'message',
      'level',
      'actor_id',
      'reason',
      'context',
      'order_id',
      'tenant_id',
    ])
    .where('event_type', 'in', types)
    .orderBy('id')
    .execute();

describe('events written in one statement (one array per column)', () => {
  it('keep every column, in the given order, as one event at a time would', async () => {
    const actor = await makeUser(t.db, { username: 'batch-actor' });
    // Values that a text[] / jsonb[] literal must quote: quotes, backslashes, braces, commas, NUL-free unicode.
    const tricky = 'say "hi", {x} \\ back\\slash ünïcode ✓';
    const events: NewEvent[] = [
      {
        type: 'batch_a',
        message: tricky,
        actorId: actor.id,
        reason: 'r, "q"',
        context: { note: tricky, nested: { list: [1, null, 'x'] } },
        scopes: {},
      },
      { type: 'batch_b', level: 'error', message: 'second', context: {}, scopes: { tenantId: null } },
      { type: 'batch_c', message: 'third', scopes: {} },
    ];
    await t.db.transaction().execute((tx) => recordEvents(tx, events));
    await t.db.transaction().execute(async (tx) => {
      for (const e of events) await recordEvent(tx, { ...e, type: `${e.type}_one` });
    });
    const batch = await stored(['batch_a', 'batch_b', 'batch_c']);
    const single = await stored(['batch_a_one', 'batch_b_one', 'batch_c_one']);
    expect(batch.map((e) => e.event_type)).toEqual(['batch_a', 'batch_b', 'batch_c']);
    const strip = (rows: typeof batch) => rows.map(({ id: _id, event_type: _t, ...rest }) => rest);
    expect(strip(batch)).toEqual(strip(single));
    expect(batch[0]).toMatchObject({
      message: tricky,
      reason: 'r, "q"',
      actor_id: actor.id,
      context: { note: tricky, nested: { list: [1, null, 'x'] } },
    });
  });
});
