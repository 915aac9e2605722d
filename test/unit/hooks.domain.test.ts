import { describe, expect, it } from 'vitest';
import { isPublicAddress, refusedAddress } from '../../src/modules/hooks/domain/address-policy.js';
import { hookWants, nextState, retryDelaySeconds } from '../../src/modules/hooks/domain/delivery-policy.js';
import { signatureHeader, verifySignature } from '../../src/modules/hooks/domain/signature.js';

describe('webhook address policy', () => {
  it('refuses loopback, private, link-local and other non-public addresses', () => {
    for (const a of [
      '127.0.0.1',
      '10.0.0.1',
      '172.16.5.4',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '[::1]',
      'not-an-ip',
    ]) {
      expect(isPublicAddress(a), a).toBe(false);
    }
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '172.32.0.1'])
      expect(isPublicAddress(a), a).toBe(true);
    expect(refusedAddress(['8.8.8.8', '10.0.0.1'], false)).toBe('10.0.0.1');
    expect(refusedAddress(['10.0.0.1'], true)).toBeUndefined();
  });
});

describe('webhook signatures', () => {
  it('verify under the secret and timestamp they were made with, and nothing else', () => {
    const h = signatureHeader('whsec_x', 1_700_000_000, '{"a":1}');
    expect(h).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature('whsec_x', h, '{"a":1}', 1_700_000_100)).toBe(true);
    expect(verifySignature('whsec_y', h, '{"a":1}', 1_700_000_100)).toBe(false);
    expect(verifySignature('whsec_x', h, '{"a":2}', 1_700_000_100)).toBe(false);
    expect(verifySignature('whsec_x', h, '{"a":1}', 1_700_001_000)).toBe(false);
    expect(verifySignature('whsec_x', 'garbage', '{"a":1}', 1_700_000_000)).toBe(false);
  });
});

describe('webhook delivery policy', () => {
  const rules = { maxAttempts: 4, baseDelaySeconds: 10 };
  it('doubles the wait per attempt up to an hour', () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(rules, n))).toEqual([10, 20, 40, 80]);
    expect(retryDelaySeconds(rules, 20)).toBe(3600);
  });
  it('succeeds on 2xx, fails on refusal or the last attempt, else stays pending', () => {
    const answered = (status: number) => ({ kind: 'answered' as const, status, durationMs: 1 });
    expect(nextState(answered(204), 1, rules)).toBe('succeeded');
    expect(nextState(answered(500), 1, rules)).toBe('pending');
    expect(nextState(answered(302), 4, rules)).toBe('failed');
    expect(nextState({ kind: 'refused', error: 'x', durationMs: 0 }, 1, rules)).toBe('failed');
    expect(nextState({ kind: 'unreachable', error: 'x', durationMs: 0 }, 3, rules)).toBe('pending');
  });
  it('matches events by type and by the hook’s one scope', () => {
    const e = { event_type: 'a', customer_id: 1, provider_customer_id: 2, project_id: 3, offering_id: 4 };
    const hook = { event_types: ['a'], customer_id: null, project_id: null, offering_id: null };
    expect(hookWants(hook, e)).toBe(true);
    expect(hookWants({ ...hook, event_types: ['b'] }, e)).toBe(false);
    expect(hookWants({ ...hook, customer_id: 2 }, e)).toBe(true);
    expect(hookWants({ ...hook, customer_id: 9 }, e)).toBe(false);
    expect(hookWants({ ...hook, project_id: 3 }, e)).toBe(true);
    expect(hookWants({ ...hook, offering_id: 5 }, e)).toBe(false);
  });
});
