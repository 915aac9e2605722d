import { describe, expect, it } from 'vitest';
import { normalizeApiUrl, remoteCredentials } from '../../src/flows/remote-orders/credentials.js';
import {
  isTransient,
  messagesOf,
  RemoteApiError,
  RemoteUnavailableError,
} from '../../src/flows/remote-orders/errors.js';
import { REMOTE_FAILED_WITHOUT_MESSAGE, remoteOutcome } from '../../src/flows/remote-orders/state-map.js';

describe('remote → local order state map (§17 g)', () => {
  it.each(['pending-consumer', 'pending-provider', 'pending-start-date', 'executing'])(
    '%s keeps the order executing',
    (s) => {
      expect(remoteOutcome(s, '')).toEqual({ kind: 'live' });
    },
  );

  it('maps done, erred (with the remote message), canceled and rejected', () => {
    expect(remoteOutcome('done', '')).toEqual({ kind: 'done' });
    expect(remoteOutcome('erred', 'Disk full.')).toEqual({ kind: 'erred', message: 'Disk full.' });
    expect(remoteOutcome('erred', ' ')).toEqual({ kind: 'erred', message: REMOTE_FAILED_WITHOUT_MESSAGE });
    expect(remoteOutcome('canceled', '')).toEqual({ kind: 'canceled' });
    expect(remoteOutcome('rejected', '')).toEqual({ kind: 'canceled' });
  });

  it('treats pending-project and unknown states as errors', () => {
    expect(remoteOutcome('pending-project', '')).toEqual({
      kind: 'unexpected',
      message: 'The order in remote Waldur has unexpected state pending-project',
    });
    expect(remoteOutcome('archived', '').kind).toBe('unexpected');
  });
});

describe('remote error bodies', () => {
  it('reads DRF shapes and problem+json', () => {
    expect(messagesOf({ detail: 'Not found.' })).toEqual(['Not found.']);
    expect(messagesOf(['Impossible to create update orders with limits set to exactly the same.'])).toEqual([
      'Impossible to create update orders with limits set to exactly the same.',
    ]);
    expect(messagesOf({ limits: ['Too big.'], non_field_errors: ['Nope.'] })).toEqual(['Too big.', 'Nope.']);
    expect(
      messagesOf({
        detail: 'Invalid request body: name.',
        errors: [{ pointer: '/body/name', detail: 'Required' }],
      }),
    ).toEqual(['Invalid request body: name.', 'Required']);
  });

  it('retries only what may succeed later', () => {
    expect(isTransient(new RemoteUnavailableError('timeout'))).toBe(true);
    expect(isTransient(new RemoteApiError(503, [], undefined, 'GET /'))).toBe(true);
    expect(isTransient(new RemoteApiError(409, [], { code: 'idempotency.in_progress' }, 'POST /'))).toBe(
      true,
    );
    expect(isTransient(new RemoteApiError(409, [], { code: 'order.invalid_state' }, 'POST /'))).toBe(false);
    expect(isTransient(new RemoteApiError(400, ['x'], undefined, 'POST /'))).toBe(false);
  });
});

describe('remote credentials (secret_options)', () => {
  it('accepts api_url with or without /api/ and requires a token', () => {
    expect(normalizeApiUrl('https://waldur.example.com/api/')).toBe('https://waldur.example.com');
    expect(normalizeApiUrl('https://waldur.example.com')).toBe('https://waldur.example.com');
    const c = remoteCredentials({
      api_url: 'https://w.example/api/',
      token: 't0k',
      customer_uuid: '0123456789abcdef0123456789abcdef',
    });
    expect(c).toMatchObject({
      apiUrl: 'https://w.example',
      customerUuid: '01234567-89ab-cdef-0123-456789abcdef',
    });
    expect(() => remoteCredentials({ api_url: 'https://w.example/' })).toThrow(/token/);
    expect(() => remoteCredentials({ token: 'x' })).toThrow(/api_url/);
  });
});
