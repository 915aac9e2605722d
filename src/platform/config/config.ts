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
  /** ISO 4217 code of every price and cost (Waldur's CURRENCY_NAME). */
  currency: string;
  /** EXECUTING orders of interruptible types older than this fail with "Execution has timed out." */
  executionTimeoutSeconds: number;
  /** Key that encrypts key material at rest; unset: a key file in `dataDir`, created on first start. */
  secretKey: string | undefined;
  /** `/api/provisioning-faults/` answers (tenant spec §5.3); on with the demo unless set. */
  enableFaults: boolean;
  /** Port of the tenant console listener (HTTPS, SNI); 0 = ephemeral, recorded in the database. */
  tenantConsolePort: number;
  /** A tenant lock whose heartbeat is older than this is stale (tenant spec §7), in seconds. */
  tenantLockTtlSeconds: number;
  /** How long one tenant run may take before its current step fails with `deadline_exceeded`. */
  tenantRunDeadlineSeconds: number;
  /** SMTP server for notification e-mails (`smtp://` or `smtps://`); unset: recorded in the outbox only. */
  smtpUrl: string | undefined;
  /** `From:` of notification e-mails. */
  mailFrom: string;
  /** Seconds an order may wait for an approver before they are reminded once; 0 disables reminders. */
  approvalReminderSeconds: number;
  /** Seconds between runs of the scheduled order jobs (pending project, start dates, end dates, reminders). */
  jobIntervalSeconds: number;
  /** Seconds between runs of the e-mail delivery job. */
  mailIntervalSeconds: number;
  /** Seconds between pulls of EXECUTING orders of Remote offerings from their remote instance. */
  remotePullSeconds: number;
  /** Largest purchase-order PDF an order accepts, in bytes (default 10 MiB). */
  orderAttachmentMaxBytes: number;
  /** Live event stream, webhooks and metrics. */
  integrations: IntegrationsConfig;
}

/** Settings of the live event stream, webhooks and `/metrics`. */
export interface IntegrationsConfig {
  /** Seconds between comment heartbeats on an open event stream. */
  sseHeartbeatSeconds: number;
  /** Seconds between looks at the event log when no NOTIFY arrived. */
  ssePollSeconds: number;
  /** Allow webhook destinations on private, loopback and link-local addresses. */
  hooksAllowPrivate: boolean;
  /** Seconds between runs of the webhook fan-out and delivery jobs. */
  hooksIntervalSeconds: number;
  /** Attempts per webhook delivery, the first included. */
  hooksMaxAttempts: number;
  /** Wait after the first failed attempt; doubles per attempt, at most an hour. */
  hooksRetryBaseSeconds: number;
  /** Time limit of one webhook request. */
  hooksTimeoutSeconds: number;
  /** When set, `/metrics` requires `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
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
  ORDERLY_SECRET_KEY: z.string().min(16).optional(),
  ORDERLY_ENABLE_FAULTS: boolish.optional(),
  ORDERLY_TENANT_CONSOLE_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  ORDERLY_TENANT_LOCK_TTL: z.coerce.number().int().min(1).default(60),
  ORDERLY_TENANT_RUN_DEADLINE: z.coerce.number().int().min(1).default(1800),
  ORDERLY_SMTP_URL: z
    .url({ protocol: /^smtps?$/ })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  ORDERLY_MAIL_FROM: z.string().min(3).default('Orderly <orderly@localhost>'),
  ORDERLY_APPROVAL_REMINDER_AFTER: z.coerce.number().int().min(0).default(86_400),
  ORDERLY_JOB_INTERVAL: z.coerce.number().positive().default(60),
  ORDERLY_MAIL_INTERVAL: z.coerce.number().positive().default(10),
  ORDERLY_REMOTE_PULL_INTERVAL: z.coerce.number().positive().default(60),
  ORDERLY_ORDER_ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  ORDERLY_SSE_HEARTBEAT: z.coerce.number().positive().default(15),
  ORDERLY_SSE_POLL_INTERVAL: z.coerce.number().positive().default(1),
  ORDERLY_HOOKS_ALLOW_PRIVATE: boolish.optional(),
  ORDERLY_HOOKS_INTERVAL: z.coerce.number().positive().default(2),
  ORDERLY_HOOKS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  ORDERLY_HOOKS_RETRY_BASE: z.coerce.number().positive().default(10),
  ORDERLY_HOOKS_TIMEOUT: z.coerce.number().positive().default(10),
  ORDERLY_METRICS_TOKEN: z.string().min(16).optional(),
  ORDERLY_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR')
    .default('EUR'),
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
    currency: e.ORDERLY_CURRENCY,
    executionTimeoutSeconds: e.ORDERLY_EXECUTION_TIMEOUT,
    secretKey: e.ORDERLY_SECRET_KEY,
    // Fault injection is a drill tool: the demo turns it on, anything else must ask for it.
    enableFaults: e.ORDERLY_ENABLE_FAULTS ?? demo,
    tenantConsolePort: e.ORDERLY_TENANT_CONSOLE_PORT,
    tenantLockTtlSeconds: e.ORDERLY_TENANT_LOCK_TTL,
    tenantRunDeadlineSeconds: e.ORDERLY_TENANT_RUN_DEADLINE,
    smtpUrl: e.ORDERLY_SMTP_URL,
    mailFrom: e.ORDERLY_MAIL_FROM,
    approvalReminderSeconds: e.ORDERLY_APPROVAL_REMINDER_AFTER,
    jobIntervalSeconds: e.ORDERLY_JOB_INTERVAL,
    remotePullSeconds: e.ORDERLY_REMOTE_PULL_INTERVAL,
    orderAttachmentMaxBytes: e.ORDERLY_ORDER_ATTACHMENT_MAX_BYTES,
    integrations: {
      sseHeartbeatSeconds: e.ORDERLY_SSE_HEARTBEAT,
      ssePollSeconds: e.ORDERLY_SSE_POLL_INTERVAL,
      hooksAllowPrivate: e.ORDERLY_HOOKS_ALLOW_PRIVATE ?? false,
      hooksIntervalSeconds: e.ORDERLY_HOOKS_INTERVAL,
      hooksMaxAttempts: e.ORDERLY_HOOKS_MAX_ATTEMPTS,
      hooksRetryBaseSeconds: e.ORDERLY_HOOKS_RETRY_BASE,
      hooksTimeoutSeconds: e.ORDERLY_HOOKS_TIMEOUT,
      metricsToken: e.ORDERLY_METRICS_TOKEN,
    },
    mailIntervalSeconds: e.ORDERLY_MAIL_INTERVAL,
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
