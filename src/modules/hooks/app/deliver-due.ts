import type { Db, Tx } from '../../../platform/db/database.js';
import { hex } from '../../../platform/http/ids.js';
import { type DueDeliveries, deliverDue } from '../../../platform/jobs/deliver-due.js';
import type { SecretBox } from '../../../platform/secrets/secret-box.js';
import { claimDueDeliveries, recordDeliveryAttempt } from '../adapters/pg/delivery-writes.js';
import {
  type AttemptOutcome,
  attemptRecord,
  type DeliverySettings,
  type RetryRules,
} from '../domain/delivery-policy.js';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signatureHeader } from '../domain/signature.js';
import type { HookSender } from './ports.js';

/** What the delivery job works with. */
export interface DeliveryDeps extends DeliverySettings {
  secrets: SecretBox;
  sender: HookSender;
}

type Claimed = Awaited<ReturnType<typeof claimDueDeliveries>>[number];

/** The request body: the event as `GET /api/events/` shows it, with the delivery and hook ids. */
async function bodyOf(db: Db, d: Claimed): Promise<string> {
  let replayOf: string | null = null;
  if (d.replay_of !== null) {
    const r = await db
      .selectFrom('hook_deliveries')
      .select('uuid')
      .where('id', '=', d.replay_of)
      .executeTakeFirst();
    replayOf = r ? hex(r.uuid) : null;
  }
  return JSON.stringify({
    delivery: hex(d.uuid),
    hook: hex(d.hook_uuid),
    replay_of: replayOf,
    event: d.payload,
  });
}

/** Records an attempt; fenced by the attempt number, so a late result of an expired lease changes nothing. */
async function record(
  tx: Tx,
  d: Claimed,
  outcome: AttemptOutcome,
  rules: RetryRules,
  now: Date,
): Promise<void> {
  await recordDeliveryAttempt(tx, d.id, d.attempts, {
    ...attemptRecord(outcome, d.attempts, rules, now),
    duration_ms: outcome.durationMs,
  });
}

/** Signs and sends one delivery; a secret that cannot be opened (another key) is a failed attempt. */
async function attempt(db: Db, d: Claimed, deps: DeliveryDeps): Promise<AttemptOutcome> {
  const body = await bodyOf(db, d);
  let secret: string;
  try {
    secret = deps.secrets.open(d.secret_sealed).toString('utf8');
  } catch (err) {
    return { kind: 'unreachable', error: `cannot open the hook secret: ${String(err)}`, durationMs: 0 };
  }
  const t = Math.floor(Date.now() / 1000);
  return deps.sender.post(d.destination_url, body, {
    [SIGNATURE_HEADER]: signatureHeader(secret, t, body),
    [EVENT_HEADER]: d.event_type,
    [DELIVERY_HEADER]: hex(d.uuid),
  });
}

/**
 * Sends the due deliveries: claim (one short transaction), sign and POST each outside any
 * transaction, then record each outcome (one short transaction each). 2xx succeeds; anything else
 * is retried with exponential back-off until `maxAttempts`; a refused address fails at once.
 * At least once: a crash after the receiver answered but before the record sends it again.
 */
export function deliverDueHooks(db: Db, deps: DeliveryDeps, now: Date): Promise<number> {
  const deliveries: DueDeliveries<Claimed, AttemptOutcome> = {
    // Due rows of active hooks, `FOR UPDATE SKIP LOCKED` so concurrent senders take different ones;
    // the claim commits before any request goes out, as an open writing transaction would also hold
    // back every live event stream.
    claim: (tx) => claimDueDeliveries(tx, now, deps.batch, deps.leaseSeconds),
    send: (d) => attempt(db, d, deps),
    record: (tx, d, outcome) => record(tx, d, outcome, deps.rules, new Date()),
  };
  return deliverDue(db, deliveries);
}
