import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
  X509Certificate,
} from 'node:crypto';
import { bits, bool, explicit, int, octets, oid, pem, seq, set, time, tlv, uint, utf8 } from './der.js';

/** ecdsa-with-SHA256: every certificate is EC P-256, signed with SHA-256. */
const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'));

/** A freshly issued certificate with its private key (PEM, PKCS#8). */
export interface IssuedCertificate {
  certPem: string;
  keyPem: string;
  /** Serial number in hex. */
  serial: string;
  notBefore: Date;
  notAfter: Date;
}

/** The signer of a certificate: its subject name, key and key identifier. */
export interface Issuer {
  name: Buffer;
  key: KeyObject;
  keyId: Buffer;
}

const name = (cn: string) =>
  seq(set(seq(oid('2.5.4.10'), utf8('Orderly'))), set(seq(oid('2.5.4.3'), utf8(cn))));
const ext = (id: string, critical: boolean, value: Buffer) =>
  seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));
const keyIdOf = (spki: Buffer) => createHash('sha1').update(spki).digest();

function build(opts: {
  subject: Buffer;
  issuer: Issuer | 'self';
  spki: Buffer;
  signKey: KeyObject;
  days: number;
  extensions: Buffer[];
}): Omit<IssuedCertificate, 'keyPem'> {
  // Positive 127-bit serial (RFC 5280: ≤ 20 octets, unpredictable).
  const serialBytes = randomBytes(16);
  serialBytes[0] = ((serialBytes[0] ?? 0) & 0x7f) | 0x40; // positive, and no leading zero byte to strip
  // Five minutes back: a peer whose clock lags must not see a certificate from the future.
  const notBefore = new Date(Math.floor(Date.now() / 1000) * 1000 - 5 * 60_000);
  const notAfter = new Date(notBefore.getTime() + opts.days * 86_400_000);
  const issuerName = opts.issuer === 'self' ? opts.subject : opts.issuer.name;
  const tbs = seq(
    explicit(0, int(2)),
    uint(serialBytes),
    ECDSA_SHA256,
    issuerName,
    seq(time(notBefore), time(notAfter)),
    opts.subject,
    opts.spki,
    explicit(3, seq(...opts.extensions)),
  );
  const signature = sign('sha256', tbs, opts.signKey);
  const der = seq(tbs, ECDSA_SHA256, bits(signature));
  return { certPem: pem('CERTIFICATE', der), serial: serialBytes.toString('hex'), notBefore, notAfter };
}

function newKey() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return { privateKey, spki, keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

/** A self-signed CA certificate (basicConstraints CA, keyCertSign + cRLSign), valid `days`. */
export function createCaCertificate(commonName: string, days: number): IssuedCertificate {
  const k = newKey();
  const subject = name(commonName);
  const cert = build({
    subject,
    issuer: 'self',
    spki: k.spki,
    signKey: k.privateKey,
    days,
    extensions: [
      ext('2.5.29.19', true, seq(bool(true), int(0))),
      // keyCertSign (bit 5) and cRLSign (bit 6): 0b0000011x, one unused bit.
      ext('2.5.29.15', true, bits(Buffer.from([0x06]), 1)),
      ext('2.5.29.14', false, octets(keyIdOf(k.spki))),
    ],
  });
  return { ...cert, keyPem: k.keyPem };
}

/** The issuer view of a stored CA: its subject (rebuilt from the CN), key and key identifier. */
export function issuerOf(caCertPem: string, caKeyPem: string): Issuer {
  const cn = /(?:^|\n)CN=([^\n]+)/.exec(new X509Certificate(caCertPem).subject)?.[1];
  if (!cn) throw new Error('the CA certificate has no common name');
  const key = createPrivateKey(caKeyPem);
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  return { name: name(cn), key, keyId: keyIdOf(spki) };
}

/** A TLS server certificate for `host` (SAN dNSName, serverAuth), signed by `issuer`. */
export function createServerCertificate(issuer: Issuer, host: string, days: number): IssuedCertificate {
  const k = newKey();
  const cert = build({
    subject: name(host),
    issuer,
    spki: k.spki,
    signKey: issuer.key,
    days,
    extensions: [
      ext('2.5.29.19', false, seq()),
      // digitalSignature (bit 0), seven unused bits: what ECDHE-ECDSA needs.
      ext('2.5.29.15', true, bits(Buffer.from([0x80]), 7)),
      ext('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))),
      ext('2.5.29.17', false, seq(tlv(0x82, Buffer.from(host, 'ascii')))),
      ext('2.5.29.14', false, octets(keyIdOf(k.spki))),
      ext('2.5.29.35', false, seq(tlv(0x80, issuer.keyId))),
    ],
  });
  return { ...cert, keyPem: k.keyPem };
}
