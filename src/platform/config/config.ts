import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** Which part of Orderly a process runs (see docs/ARCHITECTURE.md "Processes"). */
export type ProcessRole = 'serve' | 'api' | 'worker' | 'migrate';

/** Everything Orderly reads from the environment, parsed once at start-up. */
export interface Config {
  /** External PostgreSQL; when absent an embedded server is started. */
  databaseUrl: string | undefined;
  /** Folder of the embedded server's data and Orderly's local files. */
  dataDir: string;
  /** Fixed port of the embedded server; when absent one is chosen at initdb and remembered. */
  embeddedPgPort: number | undefined;
  /** HTTP listen port. */
  port: number;
  /** HTTP listen address. */
  host: string;
  /** When set, start-up ensures a staff user `admin` whose token is this value. */
  bootstrapStaffToken: string | undefined;
  /** Seed demo data into an empty database. */
  demo: boolean;
  /** This process's stable, unique identity (DBOS executor id, heartbeat row). */
  workerId: string;
  /** pino level. */
  logLevel: string;
  /** Public base URL used in hyperlinks when the request gives no Host. */
  publicUrl: string | undefined;
  /** EXECUTING orders of interruptible types older than this fail with "Execution has timed out." */
  executionTimeoutSeconds: number;
}

const boolish = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const EnvSchema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  ORDERLY_DATA_DIR: z.string().min(1).default('./.orderly-data'),
  ORDERLY_PG_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  HOST: z.string().min(1).default('127.0.0.1'),
  ORDERLY_BOOTSTRAP_STAFF_TOKEN: z.string().min(8).optional(),
  ORDERLY_DEMO: boolish.optional(),
  ORDERLY_WORKER_ID: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,100}$/)
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ORDERLY_PUBLIC_URL: z.url().optional(),
  ORDERLY_EXECUTION_TIMEOUT: z.coerce.number().int().min(1).default(7200),
});

/**
 * Parses the environment. Throws with every invalid variable named, so a typo fails loudly at start.
 */
export function loadConfig(role: ProcessRole, env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  // Demo data is on for the embedded default and off against an external database unless asked for.
  const demo = e.ORDERLY_DEMO ?? e.DATABASE_URL === undefined;
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.ORDERLY_DATA_DIR),
    embeddedPgPort: e.ORDERLY_PG_PORT,
    port: e.PORT,
    host: e.HOST,
    bootstrapStaffToken: e.ORDERLY_BOOTSTRAP_STAFF_TOKEN,
    demo,
    workerId: e.ORDERLY_WORKER_ID ?? defaultWorkerId(role, e.PORT),
    logLevel: e.LOG_LEVEL,
    publicUrl: e.ORDERLY_PUBLIC_URL,
    executionTimeoutSeconds: e.ORDERLY_EXECUTION_TIMEOUT,
  };
}

/**
 * A stable default identity per process slot: the host name plus the role, and the port for HTTP
 * processes (two API processes on one host must listen on different ports, so the id stays unique).
 * Several `orderly worker` processes on one host need ORDERLY_WORKER_ID; start-up refuses a live duplicate.
 */
function defaultWorkerId(role: ProcessRole, port: number): string {
  const host = os.hostname().replace(/[^A-Za-z0-9.-]/g, '-');
  return role === 'worker' || role === 'migrate' ? `${role}-${host}` : `${role}-${host}-${port}`;
}
