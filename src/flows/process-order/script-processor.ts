import { ordersInScope } from '../../modules/orders/api.js';
import type { Tx } from '../../platform/db/database.js';
import { ValidationError } from '../../platform/errors.js';
import {
  runScript,
  SCRIPT_LANGUAGES,
  type ScriptLanguage,
  type ScriptResult,
} from './processors/script-runner.js';

/** Waldur's Script offering `secret_options` keys for each order type. */
const SCRIPT_KEY = { Create: 'create', Restore: 'create', Update: 'update', Terminate: 'delete' } as const;

/** Everything a script run needs, read in one step so the run itself touches no database. */
export interface ScriptJob {
  language: ScriptLanguage;
  code: string;
  env: Record<string, string>;
  timeoutMs: number;
}

/** Default and ceiling of a script's run time (an offering may set `secret_options.timeout` in seconds). */
const DEFAULT_TIMEOUT_S = 300;
const MAX_TIMEOUT_S = 3600;

/**
 * Reads the offering's script for the order's type and the order's variables (Waldur's Script
 * plugin: `language`, `create`/`update`/`delete`, `environ`). No script for the type is a failure.
 */
export async function loadScriptJob(tx: Tx, orderId: number): Promise<ScriptJob> {
  const o = await ordersInScope(tx)
    .select([
      'o.uuid',
      'o.type',
      'o.attributes',
      'o.limits',
      'r.uuid as resource_uuid',
      'r.name',
      'r.backend_id',
      'f.secret_options',
    ])
    .select([
      'f.uuid as offering_uuid',
      'p.uuid as project_uuid',
      'c.uuid as customer_uuid',
      'pl.uuid as plan_uuid',
    ])
    .where('o.id', '=', orderId)
    .executeTakeFirstOrThrow();
  const secret = o.secret_options;
  const type = (['Create', 'Update', 'Terminate', 'Restore'] as const)[o.type - 1] ?? 'Create';
  const code = secret[SCRIPT_KEY[type]];
  if (typeof code !== 'string' || code.trim() === '') {
    throw new ValidationError(`The offering has no "${SCRIPT_KEY[type]}" script.`, [], 'script.missing');
  }
  const language =
    typeof secret.language === 'string' && secret.language in SCRIPT_LANGUAGES
      ? (secret.language as ScriptLanguage)
      : 'python';
  const environ =
    typeof secret.environ === 'object' && secret.environ !== null
      ? (secret.environ as Record<string, unknown>)
      : {};
  const timeout =
    typeof secret.timeout === 'number' ? Math.min(secret.timeout, MAX_TIMEOUT_S) : DEFAULT_TIMEOUT_S;
  return {
    language,
    code,
    timeoutMs: timeout * 1000,
    env: {
      ...Object.fromEntries(Object.entries(environ).map(([k, v]) => [k, String(v)])),
      ORDER_UUID: o.uuid,
      ORDER_TYPE: type,
      RESOURCE_UUID: o.resource_uuid,
      RESOURCE_NAME: o.name,
      RESOURCE_BACKEND_ID: o.backend_id,
      OFFERING_UUID: o.offering_uuid,
      PROJECT_UUID: o.project_uuid,
      CUSTOMER_UUID: o.customer_uuid,
      PLAN_UUID: o.plan_uuid ?? '',
      ATTRIBUTES: JSON.stringify(o.attributes),
      LIMITS: JSON.stringify(o.limits),
    },
  };
}

/** The backend id a create script reports: the last non-empty line of its output (Waldur's convention). */
export function backendIdFrom(result: ScriptResult): string {
  const lines = result.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return (lines.at(-1) ?? '').slice(0, 255);
}

/** A short error message for a failed run and the full output as its traceback. */
export function failureOf(result: ScriptResult): { message: string; traceback: string } {
  const lastErr = result.stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .at(-1);
  const message = result.timedOut
    ? `Script timed out after ${Math.round(result.durationMs / 1000)} s.`
    : (lastErr ?? `Script exited with code ${result.exitCode}.`);
  return {
    message,
    traceback: `exit code: ${result.exitCode}\n--- stderr ---\n${result.stderr}\n--- stdout ---\n${result.stdout}`,
  };
}

export { runScript };
