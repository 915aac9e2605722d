import type { Db, Tx } from '../../../platform/db/database.js';
import { type DueDeliveries, deliverDue } from '../../../platform/jobs/deliver-due.js';
import {
  type AttemptOutcome,
  attemptRecord,
  type DeliverySettings,
  type RetryRules,
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

/** What the callback job works with (a batch sends each callback of a different order). */
export interface CallbackDeps extends DeliverySettings {
  sender: CallbackSender;
}

type Claimed = Awaited<ReturnType<typeof claimDueCallbacks>>[number];

/** Records an attempt; fenced by the attempt number, so a late result of an expired lease changes nothing. */
async function record(tx: Tx, c: Claimed, outcome: AttemptOutcome, rules: RetryRules, now: Date) {
  await recordCallbackAttempt(tx, c.id, c.attempts, attemptRecord(outcome, c.attempts, rules, now));
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
export function deliverDueCallbacks(db: Db, deps: CallbackDeps, now: Date): Promise<number> {
  const callbacks: DueDeliveries<Claimed, AttemptOutcome> = {
    // The row is due again only after the lease, so a sender that dies mid-send is retried by the
    // next run. Only the oldest pending callback of an order is due: a receiver sees an order's
    // changes in the order they happened, a failing one holding back the later ones.
    claim: (tx) => claimDueCallbacks(tx, now, deps.batch, deps.leaseSeconds),
    send: (c) =>
      deps.sender.post(c.url, JSON.stringify(c.payload), {
        [CALLBACK_EVENT_HEADER]: ORDER_STATE_CHANGED,
        [CALLBACK_DELIVERY_HEADER]: c.uuid.replace(/-/g, ''),
      }),
    record: (tx, c, outcome) => record(tx, c, outcome, deps.rules, now),
  };
  return deliverDue(db, callbacks, MAX_ROUNDS);
}
