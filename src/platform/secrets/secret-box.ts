import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Name of the key file created under the data folder when no ORDERLY_SECRET_KEY is given. */
export const SECRET_KEY_FILE = 'secret.key';

/** AES-256-GCM encryption of key material at rest (certificate keys, storage passwords). */
export interface SecretBox {
  /** Short fingerprint of the key (first 16 hex of its SHA-256), stored next to what it encrypted. */
  readonly keyId: string;
  /** `iv (12) ‖ tag (16) ‖ ciphertext`. */
  seal(plain: Buffer | string): Buffer;
  /** Reverses {@link seal}; a wrong key or tampered data throws. */
  open(sealed: Buffer): Buffer;
}

/** Thrown when data sealed under another key is opened. */
export class WrongSecretKeyError extends Error {
  constructor(expected: string, actual: string) {
    super(
      `key material was encrypted with secret key ${expected}, but this process has ${actual}: ` +
        'give every process the same ORDERLY_SECRET_KEY (or the same ORDERLY_DATA_DIR key file)',
    );
    this.name = 'WrongSecretKeyError';
  }
}

/** A box over a 32-byte key. */
export function secretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('the secret key must be 32 bytes');
  const keyId = createHash('sha256').update(key).digest('hex').slice(0, 16);
  return {
    keyId,
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
    },
  };
}

/**
 * The 32-byte key from `ORDERLY_SECRET_KEY`: 64 hex digits or base64 of 32 bytes are used as they
 * are; any other string (at least 16 characters) is stretched with SHA-256, so a passphrase works too.
 */
export function keyFromString(value: string): Buffer {
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  const b64 = Buffer.from(value, 'base64');
  if (b64.length === 32 && /^[A-Za-z0-9+/]+={0,2}$/.test(value)) return b64;
  if (value.length < 16) throw new Error('ORDERLY_SECRET_KEY must have at least 16 characters');
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * The process's secret box: from `ORDERLY_SECRET_KEY` when set, else from `<dataDir>/secret.key`,
 * created on first start with mode 0600 (`wx`, so two processes starting together keep one key).
 */
export function loadSecretBox(opts: { secretKey: string | undefined; dataDir: string }): SecretBox {
  if (opts.secretKey) return secretBox(keyFromString(opts.secretKey));
  const file = path.join(opts.dataDir, SECRET_KEY_FILE);
  fs.mkdirSync(opts.dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return secretBox(keyFromString(fs.readFileSync(file, 'utf8').trim()));
}
