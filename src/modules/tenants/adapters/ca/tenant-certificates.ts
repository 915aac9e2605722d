import { X509Certificate } from 'node:crypto';
import { type Db, inTransaction, type Tx } from '../../../../platform/db/database.js';
import type { SecretBox } from '../../../../platform/secrets/secret-box.js';
import { recordEffect } from '../pg/effects.js';
import { insertCertificate, revokeCertificates } from '../pg/infra-store.js';
import { ensureLocalCa } from './local-ca.js';
import { createServerCertificate } from './x509.js';

/** The certificate, as the step records it. */
export interface CertificateOutput {
  serial: string;
  host: string;
  not_after: string;
}

/** Validity of a tenant certificate. */
export const CERTIFICATE_DAYS = 90;
/** A recorded certificate is reused only while it has more than this left (§5.1 step 4). */
const REUSE_MIN_MS = 7 * 86_400_000;

/** Refused by the CA's policy: permanent (`ca.rejected`). */
export class CaRejectedError extends Error {
  readonly code = 'ca.rejected';
  readonly retryable = false;
}

/** A host name the local CA signs: a DNS name of labels, at most 253 characters. */
function checkPolicy(host: string): void {
  if (
    host.length > 253 ||
    !/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(host)
  ) {
    throw new CaRejectedError(`the local CA refuses to sign "${host}": not a valid DNS name`);
  }
}

function reusable(tx: Tx | Db, tenantId: number, host: string) {
  return tx
    .selectFrom('tenant_certificates')
    .select(['serial', 'host', 'not_after'])
    .where('tenant_id', '=', tenantId)
    .where('host', '=', host)
    .where('revoked_at', 'is', null)
    .where('not_after', '>', new Date(Date.now() + REUSE_MIN_MS))
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

const out = (c: { serial: string; host: string; not_after: Date }): CertificateOutput => ({
  serial: c.serial,
  host: c.host,
  not_after: c.not_after.toISOString(),
});

/**
 * `issue_certificate` (§5.1 step 4): a certificate for `host` from the local CA, its key sealed with
 * the secret key. A recorded certificate that is not revoked, matches the host and has more than 7
 * days left is reused; issuing holds the tenant row lock, so two tries never issue two certificates.
 */
export async function issueTenantCertificate(
  db: Db,
  secrets: SecretBox,
  t: { id: number; host: string; runId: number | null; renew?: boolean },
): Promise<CertificateOutput> {
  checkPolicy(t.host);
  const ca = await ensureLocalCa(db, secrets);
  return inTransaction(db, async (tx) => {
    await tx.selectFrom('tenants').select('id').where('id', '=', t.id).forUpdate().executeTakeFirstOrThrow();
    const found = t.renew ? undefined : await reusable(tx, t.id, t.host);
    if (found) return out(found);
    const cert = createServerCertificate(ca.issuer, t.host, CERTIFICATE_DAYS);
    await insertCertificate(tx, {
      tenant_id: t.id,
      serial: cert.serial,
      host: t.host,
      cert_pem: cert.certPem,
      key_enc: secrets.seal(cert.keyPem),
      key_id: secrets.keyId,
      not_before: cert.notBefore,
      not_after: cert.notAfter,
    });
    await recordEffect(
      tx,
      t.id,
      'issue_certificate',
      t.renew ? 'certificate_renewed' : 'certificate_issued',
      t.runId,
    );
    return out({ serial: cert.serial, host: t.host, not_after: cert.notAfter });
  });
}

/** `verify` of issue_certificate: the recorded certificate is still reusable. */
export async function certificateValid(db: Db, tenantId: number, c: CertificateOutput): Promise<boolean> {
  const found = await reusable(db, tenantId, c.host);
  return found?.serial === c.serial;
}

/** Compensation: revokes every certificate of the tenant (already revoked is success). */
export async function revokeTenantCertificates(
  db: Db,
  tenantId: number,
  runId: number | null,
): Promise<number> {
  return inTransaction(db, async (tx) => {
    const n = await revokeCertificates(tx, tenantId);
    if (n > 0) await recordEffect(tx, tenantId, 'revoke_certificate', 'certificate_revoked', runId);
    return n;
  });
}

/** The live certificate and decrypted key for a host (the console's SNI lookup), if any. */
export async function liveCertificateFor(db: Db, secrets: SecretBox, host: string) {
  const c = await db
    .selectFrom('tenant_certificates as c')
    .innerJoin('tenants as t', 't.id', 'c.tenant_id')
    .select(['c.serial', 'c.cert_pem', 'c.key_enc', 'c.key_id', 't.id as tenant_id'])
    .where('c.host', '=', host)
    .where('c.revoked_at', 'is', null)
    .where('c.not_after', '>', new Date())
    .where('t.state', '<>', 'Decommissioned')
    .orderBy('c.id', 'desc')
    .executeTakeFirst();
  if (!c || c.key_id !== secrets.keyId) return undefined;
  return {
    serial: c.serial,
    tenantId: c.tenant_id,
    certPem: c.cert_pem,
    keyPem: secrets.open(c.key_enc).toString(),
  };
}

/** Serial and expiry of a PEM certificate (for tests and the presenter). */
export function describeCertificate(pem: string) {
  const x = new X509Certificate(pem);
  return { serial: x.serialNumber.toLowerCase(), notAfter: new Date(x.validTo) };
}
