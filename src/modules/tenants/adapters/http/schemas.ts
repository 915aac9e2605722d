import { z } from 'zod';
import { TENANT_STATES } from '../../domain/tenant-state.js';

const ts = z.string().meta({ description: 'ISO 8601 timestamp.' });
const AbilityOut = z.object({
  allowed: z.boolean(),
  reason: z.string().nullable(),
  warning: z.string().nullable(),
});

/** `details` of a failure (§8.2); `stack` only for staff and support. */
export const FailureOut = z.object({
  code: z.string(),
  message: z.string(),
  retryable: z.boolean(),
  tries: z.number().int(),
  stack: z.string().optional(),
});

/** A try of a step. */
export const TryOut = z.object({
  try_number: z.number().int(),
  outcome: z.enum(['running', 'succeeded', 'failed', 'interrupted', 'abandoned']),
  started_at: ts,
  finished_at: ts.nullable(),
  error_code: z.string().nullable(),
  error_message: z.string().nullable(),
  error_stack: z.string().nullable().optional(),
  next_try_at: ts.nullable(),
  worker: z.string(),
});

/** A step of a run, with timings. */
export const StepOut = z.object({
  step: z.string(),
  status: z.string().meta({
    description:
      'pending, running, waiting_retry, completed, reused, failed, abandoned, compensating, compensated, compensation_skipped',
  }),
  started_at: ts.nullable(),
  finished_at: ts.nullable(),
  duration_ms: z.number().int().nullable(),
  tries: z.number().int(),
  reused_from_attempt: z.number().int().nullable(),
});

/** A run with its steps and their tries (`GET …/runs/`). */
export const RunOut = z
  .object({
    uuid: z.string(),
    kind: z.enum(['provision', 'decommission']),
    attempt_number: z.number().int().nullable().meta({ description: 'Provisioning runs only.' }),
    number: z.number().int(),
    trigger: z.string(),
    actor_username: z.string().nullable(),
    reason: z.string(),
    status: z.string().meta({ description: 'queued, running, waiting_retry, succeeded, failed, reset' }),
    start_step: z.string().nullable(),
    reused_steps: z.array(z.object({ step: z.string(), from_attempt: z.number().int() })),
    plan_note: z.string(),
    force_destroy: z.boolean(),
    workflow_id: z.string(),
    order_uuid: z.string(),
    started_at: ts,
    finished_at: ts.nullable(),
    deadline_at: ts,
    failed_activity: z.string().nullable(),
    error: FailureOut.nullable(),
    steps: z.array(StepOut.extend({ tries_detail: z.array(TryOut) })),
  })
  .meta({ id: 'TenantRun' });

/** The tenant representation (§9). */
export const TenantOut = z
  .object({
    uuid: z.string(),
    url: z.string(),
    name: z.string(),
    slug: z.string(),
    state: z.enum(TENANT_STATES as [string, ...string[]]),
    resource_uuid: z.string(),
    creation_order_uuid: z.string(),
    offering_uuid: z.string(),
    plan_uuid: z.string(),
    project_uuid: z.string(),
    customer_uuid: z.string(),
    provider_uuid: z.string(),
    storage: z.object({ kind: z.enum(['schema', 'database']), name: z.string() }),
    admin_console_url: z.string().nullable().meta({ description: 'Only while Active.' }),
    certificate: z.object({ serial: z.string(), not_after: ts }).nullable(),
    attempt_number: z.number().int(),
    failed_attempts: z.number().int(),
    current_run: z
      .object({
        kind: z.enum(['provision', 'decommission']),
        status: z.string(),
        step: z.string().nullable(),
        try: z.number().int().nullable(),
        next_try_at: ts.nullable(),
      })
      .nullable(),
    last_failure: z
      .object({
        attempt_number: z.number().int(),
        failed_activity: z.string().nullable(),
        details: FailureOut,
        at: ts.nullable(),
      })
      .nullable(),
    lock: z.object({ holder: z.string(), acquired_at: ts, heartbeat_at: ts, fresh: z.boolean() }).nullable(),
    steps: z.array(StepOut).meta({ description: 'Steps of the latest run, with status and timings.' }),
    created: ts,
    activated_at: ts.nullable(),
    decommissioned_at: ts.nullable(),
    abilities: z.object({
      retry: AbilityOut,
      reset: AbilityOut,
      reset_force: AbilityOut,
      decommission: AbilityOut,
      force_destroy: AbilityOut,
      open_admin_console: AbilityOut,
    }),
  })
  .meta({ id: 'Tenant' });

/** A tenant event envelope (§8.2). */
export const TenantEventOut = z
  .object({
    id: z.string(),
    type: z.string(),
    sequence: z.number().int(),
    occurred_at: ts,
    tenant_uuid: z.string(),
    tenant_slug: z.string(),
    order_uuid: z.string().nullable(),
    actor: z.object({ uuid: z.string(), username: z.string() }).nullable(),
    payload: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'TenantEvent' });

/** A provisioning fault (§5.3). */
export const FaultOut = z
  .object({
    uuid: z.string(),
    step: z.string(),
    tenant_uuid: z.string().nullable(),
    times: z.number().int(),
    remaining: z.number().int(),
    message: z.string(),
    permanent: z.boolean(),
    hold_seconds: z.number().int().nullable(),
    created: ts,
  })
  .meta({ id: 'ProvisioningFault' });
