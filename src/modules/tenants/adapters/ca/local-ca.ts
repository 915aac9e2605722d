import type { Db } from '../../../../platform/db/database.js';
import { type SecretBox, WrongSecretKeyError } from '../../../../platform/secrets/secret-box.js';
import { insertLocalCa } from '../pg/infra-store.js';
import { createCaCertificate, type Issuer, issuerOf } from './x509.js';

/** Name of Orderly's one local CA row. */
const LOCAL = 'local';
/** Ten years: the CA outlives many 90-day tenant certificates. */
const CA_DAYS = 3650;

/** The local CA, opened with this process's secret key. */
export interface LocalCa {
  certPem: string;
  issuer: Issuer;
}

// Per database handle (tests open many databases in one process), then per secret key.
const cache = new WeakMap<Db, Map<string, LocalCa>>();

/**
 * Orderly's local certificate authority: created on first use (worker start, or the first
 * `issue_certificate`), its private key sealed with the secret key. Two processes creating it at
 * once both insert `ON CONFLICT DO NOTHING` and read back the one row that won.
 */
export async function ensureLocalCa(db: Db, secrets: SecretBox): Promise<LocalCa> {
  const mine = cache.get(db) ?? new Map<string, LocalCa>();
  cache.set(db, mine);
  const hit = mine.get(secrets.keyId);
  if (hit) return hit;
  let row = await db
    .selectFrom('certificate_authorities')
    .selectAll()
    .where('name', '=', LOCAL)
    .executeTakeFirst();
  if (!row) {
    const ca = createCaCertificate(`Orderly Local CA ${secrets.keyId.slice(0, 8)}`, CA_DAYS);
    await insertLocalCa(db, {
      name: LOCAL,
      cert_pem: ca.certPem,
      key_enc: secrets.seal(ca.keyPem),
      key_id: secrets.keyId,
      not_after: ca.notAfter,
    });
    row = await db
      .selectFrom('certificate_authorities')
      .selectAll()
      .where('name', '=', LOCAL)
      .executeTakeFirstOrThrow();
  }
  if (row.key_id !== secrets.keyId) throw new WrongSecretKeyError(row.key_id, secrets.keyId);
  const ca = { certPem: row.cert_pem, issuer: issuerOf(row.cert_pem, secrets.open(row.key_enc).toString()) };
  mine.set(secrets.keyId, ca);
  return ca;
}

/** The CA certificate (public), or undefined before the first start created it. */
export async function localCaCertificate(db: Db): Promise<string | undefined> {
  const row = await db
    .selectFrom('certificate_authorities')
    .select('cert_pem')
    .where('name', '=', LOCAL)
    .executeTakeFirst();
  return row?.cert_pem;
}
