import { StepTimeoutError } from '../../platform/workflows/index.js';

/** A step failure with a stable code and whether another try may help (tenant spec §5.2). */
export class StepError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'StepError';
  }
}

/**
 * This execution no longer holds the tenant's lock (Reset deleted it, or the sweeper gave the run
 * to another worker): stop at once, writing nothing more (§7 fencing).
 */
export class LockLostError extends Error {
  readonly code = 'lock_lost';
  constructor(tenantId: number) {
    super(`lost the lock of tenant ${tenantId}`);
    this.name = 'LockLostError';
  }
}

/** A classified failure. */
export interface Classified {
  code: string;
  message: string;
  retryable: boolean;
  stack: string;
}

// Retryable by nature: serialization failure, deadlock, lock timeout, too many connections, admin
// shutdown; permanent: insufficient privilege, invalid configuration values.
const PG_RETRYABLE = new Set([
  '40001',
  '40P01',
  '55P03',
  '53300',
  '57P01',
  '57P03',
  '08006',
  '08003',
  '08001',
]);
const PG_PERMANENT: Record<string, string> = {
  '42501': 'storage.permission_denied',
  '22023': 'storage.invalid_configuration',
};
const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * Sorts an error into retryable (network, timeouts, 5xx/429, serialization failures, deadlocks) or
 * permanent (validation, policy, other 4xx), with a stable code (§5.2). Unknown errors are retried:
 * the policy's try limit bounds the cost of being wrong.
 */
export function classify(err: unknown): Classified {
  const e = err instanceof Error ? err : new Error(String(err));
  const stack = e.stack ?? e.message;
  const code = (err as { code?: unknown }).code;
  const retryable = (err as { retryable?: unknown }).retryable;
  if (err instanceof StepError)
    return { code: err.code, message: e.message, retryable: err.retryable, stack };
  if (err instanceof LockLostError) return { code: err.code, message: e.message, retryable: false, stack };
  if (err instanceof StepTimeoutError) return { code: 'timeout', message: e.message, retryable: true, stack };
  if (typeof code === 'string' && typeof retryable === 'boolean')
    return { code, message: e.message, retryable, stack };
  if (typeof code === 'string' && PG_PERMANENT[code])
    return { code: PG_PERMANENT[code], message: e.message, retryable: false, stack };
  if (typeof code === 'string' && PG_RETRYABLE.has(code))
    return { code: 'db.transient', message: e.message, retryable: true, stack };
  if (typeof code === 'string' && NETWORK.has(code))
    return { code: 'network', message: e.message, retryable: true, stack };
  if (e.name === 'WrongSecretKeyError')
    return { code: 'secrets.wrong_key', message: e.message, retryable: false, stack };
  return { code: typeof code === 'string' ? code : 'error', message: e.message, retryable: true, stack };
}
