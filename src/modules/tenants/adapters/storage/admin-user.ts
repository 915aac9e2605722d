import { createHash, randomBytes } from 'node:crypto';
import { type Db, inTransaction, type Tx } from '../../../../platform/db/database.js';
import type { SecretBox } from '../../../../platform/secrets/secret-box.js';
import { recordEffect } from '../pg/effects.js';
import { keepSetupLink } from '../pg/infra-store.js';
import { onTenantDatabase, type RawQuery, rawQuery, type StorageOutput } from './pg-storage.js';

/** The admin user, as the step records it (never the token). */
export interface AdminUserOutput {
  username: string;
  email: string;
}

/** How long a one-time setup link stays valid. */
const SETUP_LINK_DAYS = 7;

/** SHA-256 of a setup token: the only form the tenant storage keeps (ADR 0002's reasoning). */
export function hashSetupToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

function table(s: StorageOutput): string {
  // Database storage keeps its tables in the tenant database's public schema.
  return s.kind === 'schema' ? `"${s.name}".admin_users` : 'public.admin_users';
}

/** Creates the admin table if needed and the user if missing; returns the new token, or undefined. */
async function upsertAdmin(q: RawQuery, s: StorageOutput, email: string): Promise<string | undefined> {
  await q(`CREATE TABLE IF NOT EXISTS ${table(s)} (
    username text PRIMARY KEY, email text NOT NULL, setup_token_hash bytea, setup_expires_at timestamptz,
    setup_used_at timestamptz, created timestamptz NOT NULL DEFAULT now())`);
  await q(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${table(s)} TO "${s.role}"`);
  const found = await q(`SELECT username FROM ${table(s)} WHERE username = $1 FOR UPDATE`, [email]);
  if (found.rows.length > 0) return undefined; // an existing user keeps its credentials (§5.1 step 5)
  const token = randomBytes(24).toString('base64url');
  await q(
    `INSERT INTO ${table(s)} (username, email, setup_token_hash, setup_expires_at)
     VALUES ($1, $1, $2, now() + interval '${SETUP_LINK_DAYS} days')`,
    [email, hashSetupToken(token)],
  );
  return token;
}

/**
 * `create_admin_user` (§5.1 step 5): the tenant admin in the tenant's storage, upserted by user
 * name, with a one-time setup token stored only as a hash. The token itself is sealed into
 * `tenant_setup_links` until it is shown once (Orderly has no mail transport: the link an e-mail
 * would carry is handed out by `POST /api/tenants/{uuid}/setup_link/`). For schema storage the
 * user, the link and the ledger row commit in one transaction.
 */
export async function ensureAdminUser(
  db: Db,
  databaseUrl: string,
  secrets: SecretBox,
  t: { id: number; email: string; runId: number | null },
  s: StorageOutput,
): Promise<AdminUserOutput> {
  const keep = async (tx: Tx, token: string) => {
    await keepSetupLink(tx, {
      tenant_id: t.id,
      token_enc: secrets.seal(token),
      key_id: secrets.keyId,
      expires_at: new Date(Date.now() + SETUP_LINK_DAYS * 86_400_000),
    });
    await recordEffect(tx, t.id, 'create_admin_user', 'admin_user_created', t.runId);
  };
  if (s.kind === 'schema') {
    await inTransaction(db, async (tx) => {
      const token = await upsertAdmin(rawQuery(tx), s, t.email);
      if (token) await keep(tx, token);
    });
  } else {
    const token = await onTenantDatabase(databaseUrl, s.name, (q) => upsertAdmin(q, s, t.email));
    if (token) await inTransaction(db, (tx) => keep(tx, token));
  }
  return { username: t.email, email: t.email };
}

/** `verify` of create_admin_user: the user is still there. */
export async function adminUserExists(
  db: Db,
  databaseUrl: string,
  s: StorageOutput,
  username: string,
): Promise<boolean> {
  const probe = async (q: RawQuery) => {
    const reg = await q('SELECT to_regclass($1) AS t', [table(s)]);
    if (!reg.rows[0]?.t) return false;
    return (await q(`SELECT 1 FROM ${table(s)} WHERE username = $1`, [username])).rows.length > 0;
  };
  return s.kind === 'schema'
    ? inTransaction(db, (tx) => probe(rawQuery(tx)))
    : onTenantDatabase(databaseUrl, s.name, probe);
}

/** Consumes a setup token (the console's `/admin/setup/`): true once, for an unexpired, unused token. */
export async function consumeSetupToken(
  db: Db,
  databaseUrl: string,
  s: StorageOutput,
  token: string,
): Promise<boolean> {
  const use = async (q: RawQuery) =>
    (
      await q(
        `UPDATE ${table(s)} SET setup_used_at = now(), setup_token_hash = NULL
          WHERE setup_token_hash = $1 AND setup_used_at IS NULL AND setup_expires_at > now() RETURNING username`,
        [hashSetupToken(token)],
      )
    ).rows.length === 1;
  return s.kind === 'schema'
    ? inTransaction(db, (tx) => use(rawQuery(tx)))
    : onTenantDatabase(databaseUrl, s.name, use);
}
