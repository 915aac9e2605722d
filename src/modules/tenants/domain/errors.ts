import { ConflictError, InvalidStateError, ValidationError } from '../../../platform/errors.js';

/** 409 `tenant.invalid_state`: "Valid states for operation: …" (the Waldur wording, §6.1). */
export function tenantInvalidState(valid: readonly string[]): InvalidStateError {
  return new InvalidStateError('tenant.invalid_state', `Valid states for operation: ${valid.join(', ')}.`);
}

/** The lock, as the problem details name it. */
export interface LockInfo {
  holder: string;
  heartbeatAgeMs: number;
}

/** 409 `tenant.lock_held`: a previous run still holds the lock; Reset clears it (§6.1). */
export function lockHeld(lock: LockInfo): ConflictError {
  return new ConflictError(
    'tenant.lock_held',
    `The tenant's lock is held by ${lock.holder} (last heartbeat ${Math.round(lock.heartbeatAgeMs / 1000)} s ago). ` +
      'Use Reset to clear a stuck workflow or a stale lock.',
  );
}

/** 409 `tenant.lock_fresh`: Reset refused while the holder still heartbeats (§6.2). */
export function lockFresh(lock: LockInfo): ConflictError {
  return new ConflictError(
    'tenant.lock_fresh',
    `The lock's heartbeat is fresh: ${lock.holder} beat ${Math.round(lock.heartbeatAgeMs / 1000)} s ago. ` +
      'Only staff can force a reset of a live run, giving a reason.',
  );
}

/** 409 `tenant.nothing_to_reset` (§6.2). */
export function nothingToReset(): InvalidStateError {
  return new InvalidStateError(
    'tenant.nothing_to_reset',
    'The tenant has no active run and no lock to reset.',
  );
}

/** 400 `tenant.slug_taken`: the slug is held by a live tenant or a pending order (§2). */
export function slugTaken(slug: string): ValidationError {
  return ValidationError.field(
    '/body/attributes/slug',
    `Slug '${slug}' is already in use.`,
    'tenant.slug_taken',
  );
}
