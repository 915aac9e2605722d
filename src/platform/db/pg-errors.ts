/** Shape of the errors node-postgres raises for server-side failures. */
interface PgError {
  code?: string;
  constraint?: string;
}

/** Whether `err` is a unique-constraint violation (optionally of a named constraint or index). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as PgError;
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}

/** Whether `err` is a serialization failure or deadlock, i.e. safe to retry. */
export function isRetryableTxError(err: unknown): boolean {
  const code = (err as PgError)?.code;
  return code === '40001' || code === '40P01';
}
