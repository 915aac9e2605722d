import { randomBytes, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createCaCertificate,
  createServerCertificate,
  issuerOf,
} from '../../src/modules/tenants/adapters/ca/x509.js';
import { keyFromString, secretBox } from '../../src/platform/secrets/secret-box.js';

describe('the local CA (node:crypto only)', () => {
  const ca = createCaCertificate('Orderly Local CA unit', 3650);
  const leaf = createServerCertificate(issuerOf(ca.certPem, ca.keyPem), 'acme.tenants.localhost', 90);

  it('issues a self-signed CA certificate that node parses as a CA', () => {
    const x = new X509Certificate(ca.certPem);
    expect(x.ca).toBe(true);
    expect(x.verify(x.publicKey)).toBe(true);
    expect(x.subject).toContain('CN=Orderly Local CA unit');
  });

  it('issues a server certificate for the host, signed by the CA, valid 90 days', () => {
    const x = new X509Certificate(leaf.certPem);
    expect(x.ca).toBe(false);
    expect(x.verify(new X509Certificate(ca.certPem).publicKey)).toBe(true);
    expect(x.checkHost('acme.tenants.localhost')).toBe('acme.tenants.localhost');
    expect(x.checkHost('other.tenants.localhost')).toBeUndefined();
    expect(x.serialNumber.toLowerCase()).toBe(leaf.serial);
    expect(Math.round((leaf.notAfter.getTime() - leaf.notBefore.getTime()) / 86_400_000)).toBe(90);
  });
});

describe('key material at rest (AES-256-GCM)', () => {
  it('round-trips, and refuses a wrong key or tampered data', () => {
    const box = secretBox(randomBytes(32));
    const sealed = box.seal('private key');
    expect(sealed.toString()).not.toContain('private key');
    expect(box.open(sealed).toString()).toBe('private key');
    expect(() => secretBox(randomBytes(32)).open(sealed)).toThrow();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    expect(() => box.open(tampered)).toThrow();
  });
  it('takes a 64-hex or base64 key as is and stretches a passphrase', () => {
    const hex = 'ab'.repeat(32);
    expect(keyFromString(hex).toString('hex')).toBe(hex);
    expect(keyFromString(Buffer.alloc(32, 7).toString('base64'))).toEqual(Buffer.alloc(32, 7));
    expect(keyFromString('a long enough passphrase')).toHaveLength(32);
    expect(() => keyFromString('short')).toThrow();
  });
});
