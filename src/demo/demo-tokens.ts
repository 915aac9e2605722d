import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Demo tokens are derived from a secret kept in the data folder (mode 0600), so start-up can print
 * them again on every start while the database keeps only their hashes.
 */
export function demoSecret(dataDir: string): string {
  const file = path.join(dataDir, 'demo-secret');
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    const secret = randomBytes(24).toString('hex');
    fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return fs.readFileSync(file, 'utf8').trim();
  }
}

/** The demo token of one demo user (40 hex digits, like every Orderly token). */
export function demoToken(secret: string, username: string): string {
  return createHmac('sha256', secret).update(`demo-token:${username}`).digest('hex').slice(0, 40);
}
