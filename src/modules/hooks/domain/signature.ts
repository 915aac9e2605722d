import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. */
export const SIGNATURE_HEADER = 'Orderly-Signature';
/** Header carrying the event type. */
export const EVENT_HEADER = 'Orderly-Event';
/** Header carrying the delivery uuid (the same on every attempt of one delivery). */
export const DELIVERY_HEADER = 'Orderly-Delivery';

/** A new signing secret; the HMAC key is this string's UTF-8 bytes, exactly as shown. */
export function newHookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** Hex HMAC-SHA256 of `"<timestamp>.<body>"` under `secret`. */
export function signPayload(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/** The value of {@link SIGNATURE_HEADER}. The timestamp is signed too, so a captured request cannot be replayed later. */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${signPayload(secret, timestamp, body)}`;
}

/**
 * The receiver's check (what README's recipe does): parse the header, recompute the HMAC over the
 * raw body, compare in constant time, and refuse timestamps further than `toleranceSeconds` from now.
 */
export function verifySignature(
  secret: string,
  header: string,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const parts = new Map(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds || !/^[0-9a-f]{64}$/.test(v1)) {
    return false;
  }
  return timingSafeEqual(Buffer.from(v1, 'hex'), Buffer.from(signPayload(secret, t, body), 'hex'));
}
