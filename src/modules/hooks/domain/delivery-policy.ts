/** Longest wait between two attempts of one delivery. */
export const MAX_RETRY_DELAY_SECONDS = 3600;

/** How hook deliveries are retried. */
export interface RetryRules {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Wait after the first failed attempt; doubles after each further one. */
  baseDelaySeconds: number;
}

/** Seconds to wait after failed attempt `attempt` (1-based): base × 2^(attempt−1), at most an hour. */
export function retryDelaySeconds(rules: RetryRules, attempt: number): number {
  return Math.min(rules.baseDelaySeconds * 2 ** (attempt - 1), MAX_RETRY_DELAY_SECONDS);
}

/** How an outbound delivery job (hook deliveries, order callbacks) runs. */
export interface DeliverySettings {
  rules: RetryRules;
  /** How long a claimed row is reserved; a sender that dies mid-send is retried after it. */
  leaseSeconds: number;
  /** Rows sent per run (concurrently). */
  batch: number;
}

/** What one attempt came to. */
export type AttemptOutcome =
  | { kind: 'answered'; status: number; durationMs: number }
  | { kind: 'unreachable'; error: string; durationMs: number }
  /** The address policy refused the destination: retrying cannot help. */
  | { kind: 'refused'; error: string; durationMs: number };

/** The state a delivery moves to after attempt `attempt`: 2xx succeeds; refusals and the last attempt fail. */
export function nextState(
  outcome: AttemptOutcome,
  attempt: number,
  rules: RetryRules,
): 'succeeded' | 'failed' | 'pending' {
  if (outcome.kind === 'answered' && outcome.status >= 200 && outcome.status < 300) return 'succeeded';
  if (outcome.kind === 'refused' || attempt >= rules.maxAttempts) return 'failed';
  return 'pending';
}

/** What an attempt's outcome writes on its delivery row (hook delivery or order callback). */
export interface AttemptRecord {
  state: 'succeeded' | 'failed' | 'pending';
  response_code: number | null;
  last_error: string;
  delivered_at?: Date;
  next_attempt_at?: Date;
}

/**
 * The row fields after attempt number `attempt`: its state, the answer's status or the error, when
 * it was delivered, or when to try again (exponential back-off).
 */
export function attemptRecord(
  outcome: AttemptOutcome,
  attempt: number,
  rules: RetryRules,
  now: Date,
): AttemptRecord {
  const state = nextState(outcome, attempt, rules);
  const answered = outcome.kind === 'answered';
  return {
    state,
    response_code: answered ? outcome.status : null,
    last_error: answered
      ? state === 'succeeded'
        ? ''
        : `HTTP ${outcome.status}`
      : outcome.error.slice(0, 1000),
    ...(state === 'succeeded' ? { delivered_at: now } : {}),
    ...(state === 'pending'
      ? { next_attempt_at: new Date(now.getTime() + retryDelaySeconds(rules, attempt) * 1000) }
      : {}),
  };
}

/** Event type names a hook may subscribe to (the audit log's type strings). */
export const EVENT_TYPE_PATTERN = /^[a-z][a-z0-9_.:-]{0,99}$/;

/** The scope fields of an event a hook's scope is compared with. */
export interface EventScopeIds {
  customer_id: number | null;
  provider_customer_id: number | null;
  project_id: number | null;
  offering_id: number | null;
  event_type: string;
}

/** The subscription side of a hook. */
export interface HookSubscription {
  event_types: readonly string[];
  customer_id: number | null;
  project_id: number | null;
  offering_id: number | null;
}

/** Whether an event is one the hook asked for: its type, and its scope when the hook has one. */
export function hookWants(hook: HookSubscription, e: EventScopeIds): boolean {
  if (!hook.event_types.includes(e.event_type)) return false;
  if (hook.customer_id !== null)
    return hook.customer_id === e.customer_id || hook.customer_id === e.provider_customer_id;
  if (hook.project_id !== null) return hook.project_id === e.project_id;
  if (hook.offering_id !== null) return hook.offering_id === e.offering_id;
  return true;
}
