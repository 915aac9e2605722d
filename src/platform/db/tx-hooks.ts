import { AsyncLocalStorage } from 'node:async_hooks';
import type { Tx } from './database.js';

/**
 * Work that must share the request's transaction without every use case knowing about it — the
 * idempotency record is written in the transaction of the effect it describes (orders spec §17 e).
 */
export interface TxHooks {
  /** Runs first inside the transaction; may return a result that replaces the callback's (a replay). */
  before?(tx: Tx): Promise<{ replay: unknown } | undefined>;
  /** Runs last inside the transaction, with the callback's result, before commit. */
  after?(tx: Tx, result: unknown): Promise<void>;
}

const storage = new AsyncLocalStorage<TxHooks>();

/** Runs `fn` with `hooks` applying to the next transaction it opens. */
export function withTxHooks<T>(hooks: TxHooks, fn: () => Promise<T>): Promise<T> {
  return storage.run(hooks, fn);
}

/** The hooks of the current request, consumed once so nested or later transactions are unaffected. */
export function takeTxHooks(): TxHooks | undefined {
  const hooks = storage.getStore();
  if (!hooks) return undefined;
  const taken = { ...hooks };
  hooks.before = undefined;
  hooks.after = undefined;
  return taken.before || taken.after ? taken : undefined;
}
