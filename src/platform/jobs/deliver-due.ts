import { type Db, inTransaction, type Tx } from '../db/database.js';

/**
 * One kind of outbound delivery (hook deliveries, order callbacks). Each module keeps its own
 * rows: `claim` and `record` write only the owner's table.
 */
export interface DueDeliveries<Item, Outcome> {
  /** Claims due rows and counts the attempt (the row is reserved for a lease). */
  claim(tx: Tx): Promise<Item[]>;
  /** Sends one item; never throws: every failure is an outcome to record. */
  send(item: Item): Promise<Outcome>;
  /** Records the outcome of the attempt. */
  record(tx: Tx, item: Item, outcome: Outcome): Promise<void>;
}

/**
 * Sends due items: claim (one short transaction), send each outside any transaction, then record
 * each outcome (one short transaction each), so no lock or xid is held while a receiver is slow.
 * Repeats while a round sent something, at most `rounds` times. Returns how many were sent.
 */
export async function deliverDue<Item, Outcome>(
  db: Db,
  kind: DueDeliveries<Item, Outcome>,
  rounds = 1,
): Promise<number> {
  let sent = 0;
  for (let round = 0; round < rounds; round++) {
    const claimed = await inTransaction(db, (tx) => kind.claim(tx));
    if (claimed.length === 0) break;
    await Promise.all(
      claimed.map(async (item) => {
        const outcome = await kind.send(item);
        await inTransaction(db, (tx) => kind.record(tx, item, outcome));
      }),
    );
    sent += claimed.length;
  }
  return sent;
}
