import { randomBytes } from 'node:crypto';
import { CompiledQuery, sql } from 'kysely';
import pg from 'pg';
import { type Db, inTransaction, type Tx } from '../../../../platform/db/database.js';
import type { SecretBox } from '../../../../platform/secrets/secret-box.js';
import { storageNameOf } from '../../domain/slug.js';
import { recordEffect } from '../pg/effects.js';
import { deleteStorageRow, upsertStorageRow } from '../pg/infra-store.js';

/** The tenant's storage, as the step records it. */
export interface StorageOutput {
  kind: 'schema' | 'database';
  name: string;
  role: string;
}

/** Who the storage belongs to. */
export interface StorageOwner {
  id: number;
  uuid: string;
  runId: number | null;
}

const exists = async (tx: Tx | Db, q: ReturnType<typeof sql<{ one: number }>>) =>
  (await q.execute(tx)).rows.length > 0;
const roleExists = (tx: Tx | Db, name: string) =>
  exists(tx, sql<{ one: number }>`SELECT 1 AS one FROM pg_roles WHERE rolname = ${name}`);
const schemaExists = (tx: Tx | Db, name: string) =>
  exists(tx, sql<{ one: number }>`SELECT 1 AS one FROM pg_namespace WHERE nspname = ${name}`);
const databaseExists = (db: Db, name: string) =>
  exists(db, sql<{ one: number }>`SELECT 1 AS one FROM pg_database WHERE datname = ${name}`);

/**
 * The login role and its sealed password, created once (PostgreSQL DDL is transactional, so the
 * role, the row recording it and the effect ledger commit together or not at all).
 */
async function ensureRole(tx: Tx, secrets: SecretBox, o: StorageOwner, kind: StorageOutput['kind']) {
  const name = storageNameOf(o.uuid);
  if (!(await roleExists(tx, name))) {
    // A password cannot be a bind parameter in DDL; it is 48 random hex digits, safe as a literal.
    const password = randomBytes(24).toString('hex');
    await sql`CREATE ROLE ${sql.id(name)} LOGIN PASSWORD ${sql.lit(password)}`.execute(tx);
    await upsertStorageRow(tx, {
      tenant_id: o.id,
      kind,
      name,
      role: name,
      password_enc: secrets.seal(password),
      key_id: secrets.keyId,
    });
    await recordEffect(tx, o.id, 'create_storage', 'role_created', o.runId);
  }
  return name;
}

/**
 * `create_storage` (tenant spec §5.1 step 2): schema `tenant_<uuid hex>` owned through grants by a
 * login role of the same name, or a database of that name owned by the role. Idempotent: what
 * exists is reused (`pg_roles`, `pg_namespace`, `pg_database` are checked first).
 */
export async function createStorage(
  db: Db,
  secrets: SecretBox,
  o: StorageOwner,
  kind: StorageOutput['kind'],
): Promise<StorageOutput> {
  const name = storageNameOf(o.uuid);
  await inTransaction(db, async (tx) => {
    await ensureRole(tx, secrets, o, kind);
    if (kind === 'schema' && !(await schemaExists(tx, name))) {
      await sql`CREATE SCHEMA ${sql.id(name)}`.execute(tx);
      await sql`GRANT USAGE, CREATE ON SCHEMA ${sql.id(name)} TO ${sql.id(name)}`.execute(tx);
      await recordEffect(tx, o.id, 'create_storage', 'schema_created', o.runId);
    }
  });
  // CREATE DATABASE cannot run in a transaction: check, create, then record (a crash in between
  // leaves a database the next run finds and adopts, without a second ledger row).
  if (kind === 'database' && !(await databaseExists(db, name))) {
    await sql`CREATE DATABASE ${sql.id(name)} OWNER ${sql.id(name)}`.execute(db);
    await inTransaction(db, (tx) => recordEffect(tx, o.id, 'create_storage', 'database_created', o.runId));
  }
  return { kind, name, role: name };
}

/** `verify` of create_storage: the role and the schema or database still exist. */
export async function storageExists(db: Db, s: StorageOutput): Promise<boolean> {
  if (!(await roleExists(db, s.role))) return false;
  return s.kind === 'schema' ? schemaExists(db, s.name) : databaseExists(db, s.name);
}

/** Compensation: drops the schema (CASCADE) or database, then the role; "already gone" is success. */
export async function dropStorage(db: Db, o: StorageOwner, kind: StorageOutput['kind']): Promise<void> {
  const name = storageNameOf(o.uuid);
  if (kind === 'database') await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(db);
  await inTransaction(db, async (tx) => {
    if (kind === 'schema') await sql`DROP SCHEMA IF EXISTS ${sql.id(name)} CASCADE`.execute(tx);
    if (await roleExists(tx, name)) {
      await sql`DROP OWNED BY ${sql.id(name)}`.execute(tx);
      await sql`DROP ROLE ${sql.id(name)}`.execute(tx);
      await recordEffect(tx, o.id, 'drop_storage', 'storage_dropped', o.runId);
    }
    await deleteStorageRow(tx, o.id);
  });
}

/** A plain `query(text, values)` over whatever connection the tenant's storage is reached by. */
export type RawQuery = (
  text: string,
  values?: readonly unknown[],
) => Promise<{ rows: Record<string, unknown>[] }>;

/** Raw queries inside a Kysely transaction (schema storage lives in the app database). */
export function rawQuery(tx: Tx): RawQuery {
  return async (text, values = []) => {
    const r = await tx.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, [...values]));
    return { rows: [...r.rows] };
  };
}

/** Runs `fn` in a transaction on the tenant's own database (database storage; the pool cannot reach it). */
export async function onTenantDatabase<T>(
  databaseUrl: string,
  name: string,
  fn: (q: RawQuery) => Promise<T>,
): Promise<T> {
  const u = new URL(databaseUrl);
  u.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  try {
    await client.query('BEGIN');
    const out = await fn(async (text, values = []) => ({
      rows: (await client.query(text, [...values])).rows,
    }));
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}
