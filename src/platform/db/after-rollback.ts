import { type Db, inTransaction, type Tx } from './database.js';

const pending = new WeakMap<object, (tx: Tx) => Promise<void>>();

/**
 * Attaches a write to an error that rolls back the request's transaction, to run in a transaction
 * of its own once the failed one is gone: a refused transition is history too (G5), and writing it
 * after the rollback needs no second connection while the first is held. Returns the error.
 */
export function writeAfterRollback<E extends object>(err: E, write: (tx: Tx) => Promise<void>): E {
  pending.set(err, write);
  return err;
}

/** Runs the write attached to `err`, if any, once; the HTTP error handler calls it before answering. */
export async function runAfterRollback(err: unknown, db: Db): Promise<void> {
  if (typeof err !== 'object' || err === null) return;
  const write = pending.get(err);
  if (!write) return;
  pending.delete(err);
  await inTransaction(db, write);
}
