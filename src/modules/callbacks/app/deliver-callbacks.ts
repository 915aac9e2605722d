import { type Db, inTransaction, type Tx } from '../../../platform/db/database.js';
import {
  type AttemptOutcome,
  nextState,
  type RetryRules,
  retryDelaySeconds,
} from '../../hooks/domain/delivery-policy.js';
import { claimDueCallbacks, recordCallbackAttempt } from '../adapters/pg/callback-writes.js';
import {
  CALLBACK_DELIVERY_HEADER,
  CALLBACK_EVENT_HEADER,
  ORDER_STATE_CHANGED,
} from '../domain/callback-payload.js';

/** Sends one callback; never throws: every failure is an outcome to record. */
export interface CallbackSender {
  post(destination: string, body: string, headers: Record<string, string>): Promise<AttemptOutcome>;
}

/** What the callback job works with. */
export interface CallbackDeps {
  sender: CallbackSender;
  rules: RetryRules;
  /** How long a claimed callback is reserved; a sender that dies mid-send is retried after it. */
  leaseSeconds: number;
  /** Callbacks sent per run (concurrently, each of a different order). */
  batch: number;
}

type Claimed = Awaited<ReturnType<typeof claimDue>>[number];

/**
 * Claims due callbacks and counts the attempt; the row is due again only after the lease, so a
 * sender that dies mid-send is retried by the next run. Only the oldest pending callback of an
 * order is due: a receiver sees an order's changes in the order they happened, a failing one
 * holding back the later ones until it succeeds or runs out of attempts.
 */
function claimDue(tx: Tx, now: Date, deps: CallbackDeps) {
  return claimDueCallbacks(tx, now, deps.batch, deps.leaseSeconds);
}

/** Records an attempt; fenced by the attempt number, so a late result of an expired lease changes nothing. */
async function record(tx: Tx, c: Claimed, outcome: AttemptOutcome, rules: RetryRules, now: Date) {
  const state = nextState(outcome, c.attempts, rules);
  const answered = outcome.kind === 'answered';
  await recordCallbackAttempt(tx, c.id, c.attempts, {
    state,
    response_code: answered ? outcome.status : null,
    last_error: answered
      ? state === 'succeeded'
        ? ''
        : `HTTP ${outcome.status}`
      : outcome.error.slice(0, 1000),
    ...(state === 'succeeded' ? { delivered_at: now } : {}),
    ...(state === 'pending'
      ? { next_attempt_at: new Date(now.getTime() + retryDelaySeconds(rules, c.attempts) * 1000) }
      : {}),
  });
}

/** Rounds of claim-and-send per run: each round can take the next change of an order just posted. */
const MAX_ROUNDS = 20;

/**
 * Sends the due callbacks: claim (one short transaction), POST each outside any transaction, then
 * record each outcome; again while a round sent something, so an order's successive changes go out
 * in one run. 2xx succeeds; anything else is retried with exponential back-off until
 * `maxAttempts`; a refused address fails at once. At least once: a crash after the receiver
 * answered but before the record sends it again (with the same `Orderly-Delivery` id).
 */
export async function deliverDueCallbacks(db: Db, deps: CallbackDeps, now: Date): Promise<number> {
  let sent = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const claimed = await inTransaction(db, (tx) => claimDue(tx, now, deps));
    if (claimed.length === 0) break;
    await Promise.all(
      claimed.map(async (c) => {
        const outcome = await deps.sender.post(c.url, JSON.stringify(c.payload), {
          [CALLBACK_EVENT_HEADER]: ORDER_STATE_CHANGED,
          [CALLBACK_DELIVERY_HEADER]: c.uuid.replace(/-/g, ''),
        });
        await inTransaction(db, (tx) => record(tx, c, outcome, deps.rules, now));
      }),
    );
    sent += claimed.length;
  }
  return sent;
}
