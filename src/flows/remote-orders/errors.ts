/** The remote instance answered with an error status (DRF or problem+json body, orders spec §6). */
export class RemoteApiError extends Error {
  constructor(
    readonly status: number,
    /** Every human message found in the body, in order (`detail`, field errors, bare lists). */
    readonly messages: readonly string[],
    readonly body: unknown,
    where: string,
  ) {
    super(`Remote ${where} answered ${status}: ${messages.join(' ') || 'no details'}`);
    this.name = 'RemoteApiError';
  }

  /** The remote's own words, for error messages shown to users. */
  get remoteMessage(): string {
    return this.messages.join(' ') || `HTTP ${this.status}`;
  }

  /** Whether any message contains `text` (Waldur clients match on message texts, §17 g). */
  mentions(text: string): boolean {
    return this.messages.some((m) => m.includes(text));
  }
}

/** The remote instance could not be reached or did not answer in time. */
export class RemoteUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemoteUnavailableError';
  }
}

/** The offering lacks what Remote processing needs (secret options, backend ids). */
export class RemoteConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemoteConfigError';
  }
}

/**
 * Whether trying again later may succeed: no answer, a server error, rate limiting, or Orderly's
 * `idempotency.in_progress` 409 (the same request is still running on the remote).
 */
export function isTransient(err: unknown): boolean {
  if (err instanceof RemoteUnavailableError) return true;
  if (!(err instanceof RemoteApiError)) return false;
  if (err.status >= 500 || err.status === 429) return true;
  const code =
    typeof err.body === 'object' && err.body !== null ? (err.body as { code?: unknown }).code : undefined;
  return err.status === 409 && code === 'idempotency.in_progress';
}

/** The message to record on a local order for any failure of a remote step. */
export function failureMessage(err: unknown): string {
  if (err instanceof RemoteApiError) return err.remoteMessage;
  return err instanceof Error ? err.message : String(err);
}

/** Collects the messages of a DRF (`{detail}`, `[..]`, `{field: [..]}`) or problem+json body. */
export function messagesOf(body: unknown): string[] {
  if (typeof body === 'string') return body.trim() ? [body.trim().slice(0, 2000)] : [];
  if (Array.isArray(body)) return body.flatMap(messagesOf);
  if (typeof body !== 'object' || body === null) return [];
  const o = body as Record<string, unknown>;
  if (typeof o.detail === 'string') {
    // problem+json: `detail` plus per-field `errors[].detail` when they say more.
    const extra = Array.isArray(o.errors)
      ? o.errors.flatMap((e) => messagesOf((e as { detail?: unknown }).detail))
      : [];
    return [o.detail, ...extra.filter((m) => m !== o.detail)];
  }
  return Object.values(o).flatMap(messagesOf);
}

/** Builds the error for a non-2xx answer. */
export function errorFromResponse(
  method: string,
  path: string,
  status: number,
  body: unknown,
): RemoteApiError {
  return new RemoteApiError(status, messagesOf(body), body, `${method} ${path}`);
}
