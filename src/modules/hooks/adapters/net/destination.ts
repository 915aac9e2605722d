import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { HookSender } from '../../app/ports.js';
import { refusedAddress } from '../../domain/address-policy.js';
import type { AttemptOutcome } from '../../domain/delivery-policy.js';
import { DestinationNotAllowedError, DestinationUnresolvableError } from '../../domain/errors.js';

/** Host of a URL without IPv6 brackets. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

/**
 * Checks a destination when a hook is created or changed: every address its host resolves to must
 * pass the policy. This is a courtesy check (a clear 400); the sender checks again at connect time,
 * because DNS can change between now and the delivery.
 */
export async function checkDestination(destination: string, allowPrivate: boolean): Promise<void> {
  const host = hostOf(new URL(destination));
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await dns.promises.lookup(host, { all: true })).map((a) => a.address);
    } catch {
      throw new DestinationUnresolvableError(`Host "${host}" does not resolve.`);
    }
  }
  const bad = refusedAddress(addresses, allowPrivate);
  if (bad) {
    throw new DestinationNotAllowedError(
      `Host "${host}" resolves to ${bad}, a private, loopback or link-local address; ` +
        'set ORDERLY_HOOKS_ALLOW_PRIVATE=1 to allow such destinations.',
    );
  }
}

/** Raised inside the connection's DNS lookup when the policy refuses the address. */
class RefusedAddressError extends Error {}

/**
 * A lookup that applies the policy to the very addresses the socket then connects to, so a name
 * that passed the check cannot be re-pointed at an internal address in between (DNS rebinding).
 */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { all: true, family: options.family ?? 0 }, (err, addresses) => {
      if (err) return callback(err, '');
      const bad = refusedAddress(
        addresses.map((a) => a.address),
        allowPrivate,
      );
      if (bad) return callback(new RefusedAddressError(`${hostname} resolves to refused address ${bad}`), '');
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(new Error(`${hostname} has no address`), '');
      return callback(null, first.address, first.family);
    });
  };
}

/** Options of the HTTP sender. */
export interface SenderOptions {
  allowPrivate: boolean;
  timeoutMs: number;
  userAgent: string;
}

/**
 * POSTs deliveries over HTTP(S): no redirects followed, no connection reuse (each delivery is
 * checked and connected afresh), the response body discarded, a hard timeout on the whole exchange.
 */
export function httpHookSender(opts: SenderOptions): HookSender {
  const lookup = guardedLookup(opts.allowPrivate);
  return {
    post(destination, body, headers) {
      const started = performance.now();
      const elapsed = () => Math.round(performance.now() - started);
      const url = new URL(destination);
      const host = hostOf(url);
      if (isIP(host) && refusedAddress([host], opts.allowPrivate)) {
        return Promise.resolve({ kind: 'refused', error: `refused address ${host}`, durationMs: 0 });
      }
      const send = url.protocol === 'https:' ? https.request : http.request;
      return new Promise<AttemptOutcome>((resolve) => {
        const req = send(
          url,
          {
            method: 'POST',
            agent: false,
            lookup,
            signal: AbortSignal.timeout(opts.timeoutMs),
            headers: {
              ...headers,
              'content-type': 'application/json',
              'content-length': String(Buffer.byteLength(body)),
              'user-agent': opts.userAgent,
            },
          },
          (res) => {
            resolve({ kind: 'answered', status: res.statusCode ?? 0, durationMs: elapsed() });
            res.on('error', () => undefined);
            res.resume();
          },
        );
        req.on('error', (err) => {
          const refused = err instanceof RefusedAddressError || err.cause instanceof RefusedAddressError;
          resolve({ kind: refused ? 'refused' : 'unreachable', error: err.message, durationMs: elapsed() });
        });
        req.end(body);
      });
    },
  };
}
