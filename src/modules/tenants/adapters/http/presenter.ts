import type { Actor } from '../../../../platform/auth/actor.js';
import type { Tx } from '../../../../platform/db/database.js';
import { hex, objectUrl } from '../../../../platform/http/ids.js';
import { loadTenantFacts, lockOf } from '../../app/tenant-facts.js';
import { tenantAbilities } from '../../domain/abilities.js';
import { storageNameOf } from '../../domain/slug.js';
import { IN_FLIGHT_STEP_STATUSES, isActiveRun } from '../../domain/statuses.js';
import { COMPENSATIONS, PROVISION_STEPS } from '../../domain/steps.js';
import type { FailureDetails } from '../../domain/types.js';
import {
  currentCertificate,
  type RunRow,
  runsOf,
  type StepRunRow,
  stepRunsOf,
  storageRow,
  triesOf,
} from '../pg/run-queries.js';
import type { TenantRecord } from '../pg/tenant-query.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** A failure as the caller may see it: the stack for staff and support only. */
export function failureView(e: unknown, privileged: boolean) {
  if (!e) return null;
  const f = e as FailureDetails;
  return {
    code: f.code,
    message: f.message,
    retryable: f.retryable,
    tries: f.tries,
    ...(privileged && f.stack ? { stack: f.stack } : {}),
  };
}

/** The steps of a run as the timeline shows them; provisioning lists every step, pending ones too. */
export function stepsView(run: RunRow | undefined, steps: StepRunRow[]) {
  if (!run) return [];
  const mine = steps.filter((s) => s.run_id === run.id);
  const names: readonly string[] =
    run.kind === 'provision' ? PROVISION_STEPS : COMPENSATIONS.map((c) => c.name);
  const listed = names.filter((n) => run.kind === 'provision' || mine.some((s) => s.step === n));
  return listed.map((name) => {
    const s = mine.find((x) => x.step === name);
    return {
      step: name,
      status: s?.status ?? 'pending',
      started_at: iso(s?.started_at),
      finished_at: iso(s?.finished_at),
      duration_ms: s?.duration_ms ?? null,
      tries: Number(s?.tries ?? 0),
      reused_from_attempt: s?.reused_from_attempt ?? null,
    };
  });
}

/** The tenant representation (tenant spec §9) with the caller's `abilities`. */
export async function presentTenant(
  tx: Tx,
  base: string,
  actor: Actor,
  rec: TenantRecord,
  lockTtlMs: number,
) {
  const privileged = actor.isStaff || actor.isSupport;
  const runs = await runsOf(tx, rec.id);
  const latest = runs[0];
  const active = runs.find((r) => isActiveRun(r.status));
  const steps = await stepRunsOf(tx, latest ? [latest.id] : []);
  const inFlight = active
    ? steps.find(
        (s) => s.run_id === active.id && (IN_FLIGHT_STEP_STATUSES as readonly string[]).includes(s.status),
      )
    : undefined;
  const lastTry = inFlight ? (await triesOf(tx, [inFlight.id])).at(-1) : undefined;
  const provisioning = runs.filter((r) => r.kind === 'provision');
  const failed = provisioning.find((r) => r.status === 'failed' || r.status === 'reset');
  const lock = await lockOf(tx, rec.id, lockTtlMs);
  const cert = await currentCertificate(tx, rec.id);
  const storage = await storageRow(tx, rec.id);
  const facts = await loadTenantFacts(tx, rec, actor, lockTtlMs);
  return {
    uuid: hex(rec.uuid),
    url: objectUrl(base, 'tenants', rec.uuid),
    name: rec.name,
    slug: rec.slug,
    state: rec.state,
    resource_uuid: hex(rec.resource_uuid),
    creation_order_uuid: hex(rec.creation_order_uuid),
    offering_uuid: hex(rec.offering_uuid),
    plan_uuid: hex(rec.plan_uuid),
    project_uuid: hex(rec.project_uuid),
    customer_uuid: hex(rec.customer_uuid),
    provider_uuid: hex(rec.provider_uuid),
    storage: storage ?? { kind: rec.storage_kind, name: storageNameOf(rec.uuid) },
    admin_console_url: rec.state === 'Active' ? rec.admin_console_url : null,
    certificate: cert ? { serial: cert.serial, not_after: cert.not_after.toISOString() } : null,
    attempt_number: provisioning[0]?.number ?? 0,
    failed_attempts: provisioning.filter((r) => r.status === 'failed').length,
    current_run: active
      ? {
          kind: active.kind,
          status: active.status,
          step: inFlight?.step ?? null,
          try: lastTry?.try_number ?? null,
          next_try_at: iso(lastTry?.next_try_at),
        }
      : null,
    last_failure:
      failed && (rec.state === 'Failed' || active?.kind === 'provision')
        ? {
            attempt_number: failed.number,
            failed_activity: failed.failed_activity,
            details: failureView(failed.error, privileged)!,
            at: iso(failed.finished_at),
          }
        : null,
    lock: lock
      ? {
          holder: lock.holder,
          acquired_at: lock.acquired_at.toISOString(),
          heartbeat_at: lock.heartbeat_at.toISOString(),
          fresh: lock.fresh,
        }
      : null,
    steps: stepsView(latest, steps),
    created: rec.created.toISOString(),
    activated_at: iso(rec.activated_at),
    decommissioned_at: iso(rec.decommissioned_at),
    abilities: tenantAbilities(facts),
  };
}

/** Runs with their steps and tries (`GET /api/tenants/{uuid}/runs/`). */
export async function presentRuns(
  tx: Tx,
  rec: TenantRecord,
  actor: Actor,
  kind?: 'provision' | 'decommission',
) {
  const privileged = actor.isStaff || actor.isSupport;
  const runs = await runsOf(tx, rec.id, kind);
  const steps = await stepRunsOf(
    tx,
    runs.map((r) => r.id),
  );
  const tries = await triesOf(
    tx,
    steps.map((s) => s.id),
  );
  return runs.map((r) => ({
    uuid: hex(r.uuid),
    kind: r.kind,
    attempt_number: r.kind === 'provision' ? r.number : null,
    number: r.number,
    trigger: r.trigger,
    actor_username: r.actor_username ?? null,
    reason: r.reason,
    status: r.status,
    start_step: r.start_step,
    reused_steps: r.reused_steps as { step: string; from_attempt: number }[],
    plan_note: r.plan_note,
    force_destroy: r.force_destroy,
    workflow_id: r.workflow_id,
    order_uuid: hex(r.order_uuid),
    started_at: r.started_at.toISOString(),
    finished_at: iso(r.finished_at),
    deadline_at: r.deadline_at.toISOString(),
    failed_activity: r.failed_activity,
    error: failureView(r.error, privileged),
    steps: stepsView(r, steps).map((s) => {
      const sr = steps.find((x) => x.run_id === r.id && x.step === s.step);
      return {
        ...s,
        tries_detail: tries
          .filter((t) => sr && t.step_run_id === sr.id)
          .map((t) => ({
            try_number: t.try_number,
            outcome: t.outcome as 'running' | 'succeeded' | 'failed' | 'interrupted' | 'abandoned',
            started_at: t.started_at.toISOString(),
            finished_at: iso(t.finished_at),
            error_code: t.error_code,
            error_message: t.error_message,
            ...(privileged ? { error_stack: t.error_stack } : {}),
            next_try_at: iso(t.next_try_at),
            worker: t.worker,
          })),
      };
    }),
  }));
}
