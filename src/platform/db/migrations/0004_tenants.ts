import { type Kysely, sql } from 'kysely';

/**
 * Tenants (tenant spec): the tenant row (its slug reservation), runs, steps and tries of the
 * provisioning and decommission sagas, transitions, the lock with its fencing-token sequence,
 * plan slots, the external effects (storage, schedules, certificates, the local CA, the one-time
 * setup link), an effect ledger, fault injection and the tenant console listeners. History tables
 * are append-only and never pruned (§8.1).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE certificate_authorities (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text NOT NULL UNIQUE,
      cert_pem text NOT NULL,
      -- AES-256-GCM (iv ‖ tag ‖ ciphertext) of the PKCS#8 private key; key_id names the secret key.
      key_enc bytea NOT NULL,
      key_id text NOT NULL,
      not_after timestamptz NOT NULL,
      created timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE tenants (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      resource_id bigint NOT NULL UNIQUE REFERENCES resources(id),
      creation_order_id bigint NOT NULL REFERENCES orders(id),
      offering_id bigint NOT NULL REFERENCES offerings(id),
      plan_id bigint NOT NULL REFERENCES plans(id),
      project_id bigint NOT NULL REFERENCES projects(id),
      name text NOT NULL,
      slug text NOT NULL,
      admin_email text NOT NULL,
      base_domain text NOT NULL,
      storage_kind text NOT NULL CHECK (storage_kind IN ('schema', 'database')),
      state text NOT NULL CHECK (state IN ('Provisioning', 'Active', 'Failed', 'Decommissioning', 'Decommissioned')),
      -- Per-tenant event sequence (§8.2); bumping it also serialises the tenant's writers.
      event_seq integer NOT NULL DEFAULT 0,
      admin_console_url text,
      created timestamptz NOT NULL DEFAULT now(),
      modified timestamptz NOT NULL DEFAULT now(),
      activated_at timestamptz,
      decommissioned_at timestamptz
    );
    -- The slug reservation (§4): unique among tenants that are not Decommissioned.
    CREATE UNIQUE INDEX tenants_live_slug ON tenants (slug) WHERE state <> 'Decommissioned';
    CREATE INDEX tenants_created ON tenants (created, id);
    CREATE INDEX tenants_offering ON tenants (offering_id);
    CREATE INDEX tenants_project ON tenants (project_id);

    CREATE TABLE tenant_runs (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      tenant_id bigint NOT NULL REFERENCES tenants(id),
      kind text NOT NULL CHECK (kind IN ('provision', 'decommission')),
      -- attempt_number of a provisioning run; the decommission run's own count.
      number integer NOT NULL,
      workflow_id text NOT NULL UNIQUE,
      order_id bigint NOT NULL REFERENCES orders(id),
      trigger text NOT NULL,
      actor_id bigint REFERENCES users(id) ON DELETE SET NULL,
      reason text NOT NULL DEFAULT '',
      status text NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'running', 'waiting_retry', 'succeeded', 'failed', 'reset')),
      start_step text,
      reused_steps jsonb NOT NULL DEFAULT '[]',
      plan_note text NOT NULL DEFAULT '',
      force_destroy boolean NOT NULL DEFAULT false,
      deadline_at timestamptz NOT NULL,
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      failed_activity text,
      error jsonb,
      UNIQUE (tenant_id, kind, number)
    );
    -- At most one active run per tenant.
    CREATE UNIQUE INDEX tenant_runs_one_active ON tenant_runs (tenant_id)
      WHERE status IN ('queued', 'running', 'waiting_retry');

    CREATE TABLE tenant_step_runs (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      run_id bigint NOT NULL REFERENCES tenant_runs(id),
      step text NOT NULL,
      position smallint NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'running', 'waiting_retry', 'completed', 'reused',
        'failed', 'abandoned', 'compensating', 'compensated', 'compensation_skipped')),
      -- The checkpoint: the step's recorded output (§5.2).
      output jsonb,
      started_at timestamptz,
      finished_at timestamptz,
      duration_ms integer,
      reused_from_attempt integer,
      UNIQUE (run_id, step)
    );

    CREATE TABLE tenant_step_tries (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      step_run_id bigint NOT NULL REFERENCES tenant_step_runs(id),
      try_number integer NOT NULL,
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      outcome text NOT NULL DEFAULT 'running'
        CHECK (outcome IN ('running', 'succeeded', 'failed', 'interrupted', 'abandoned')),
      error_code text,
      error_message text,
      error_stack text,
      retryable boolean,
      next_try_at timestamptz,
      worker text NOT NULL,
      UNIQUE (step_run_id, try_number)
    );

    -- Append-only; refused transitions too (is_valid = false), G5.
    CREATE TABLE tenant_transitions (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      tenant_id bigint NOT NULL REFERENCES tenants(id),
      from_state text,
      to_state text NOT NULL,
      actor_id bigint REFERENCES users(id) ON DELETE SET NULL,
      reason text NOT NULL DEFAULT '',
      run_id bigint REFERENCES tenant_runs(id),
      forced boolean NOT NULL DEFAULT false,
      is_valid boolean NOT NULL DEFAULT true,
      previous_id bigint REFERENCES tenant_transitions(id),
      created timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX tenant_transitions_tenant ON tenant_transitions (tenant_id, id);

    -- The lock of a tenant's active run (§7); every write of the run is conditional on its token.
    CREATE SEQUENCE tenant_lock_tokens;
    CREATE TABLE tenant_locks (
      tenant_id bigint PRIMARY KEY REFERENCES tenants(id),
      run_id bigint NOT NULL REFERENCES tenant_runs(id),
      holder text NOT NULL,
      token bigint NOT NULL,
      acquired_at timestamptz NOT NULL DEFAULT now(),
      heartbeat_at timestamptz NOT NULL DEFAULT now()
    );

    -- One slot of the plan per tenant, from reserve_slug_and_slot until decommissioned (§4).
    CREATE TABLE tenant_slots (
      tenant_id bigint PRIMARY KEY REFERENCES tenants(id),
      plan_id bigint NOT NULL REFERENCES plans(id),
      created timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX tenant_slots_plan ON tenant_slots (plan_id);

    CREATE TABLE tenant_storage (
      tenant_id bigint PRIMARY KEY REFERENCES tenants(id),
      kind text NOT NULL CHECK (kind IN ('schema', 'database')),
      name text NOT NULL,
      role text NOT NULL,
      password_enc bytea NOT NULL,
      key_id text NOT NULL,
      created timestamptz NOT NULL DEFAULT now()
    );

    -- The tenant's maintenance schedule, run by the tenant-maintenance workflow (§5.1 step 3).
    CREATE TABLE tenant_schedules (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      tenant_id bigint NOT NULL UNIQUE REFERENCES tenants(id),
      tasks jsonb NOT NULL,
      every_seconds integer NOT NULL CHECK (every_seconds >= 60),
      next_run_at timestamptz NOT NULL,
      last_run_at timestamptz,
      last_outcome text NOT NULL DEFAULT '',
      created timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX tenant_schedules_due ON tenant_schedules (next_run_at);

    CREATE TABLE tenant_certificates (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      tenant_id bigint NOT NULL REFERENCES tenants(id),
      serial text NOT NULL UNIQUE,
      host text NOT NULL,
      cert_pem text NOT NULL,
      key_enc bytea NOT NULL,
      key_id text NOT NULL,
      not_before timestamptz NOT NULL,
      not_after timestamptz NOT NULL,
      revoked_at timestamptz,
      created timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX tenant_certificates_tenant ON tenant_certificates (tenant_id, id);

    -- The one-time setup link of the tenant admin, sealed until it is shown once (then erased).
    CREATE TABLE tenant_setup_links (
      tenant_id bigint PRIMARY KEY REFERENCES tenants(id),
      token_enc bytea,
      key_id text NOT NULL,
      expires_at timestamptz NOT NULL,
      shown_at timestamptz,
      created timestamptz NOT NULL DEFAULT now()
    );

    -- Every external effect a step really performed (not the re-runs that found it done): the
    -- crash drill counts these rows to prove each effect happened exactly once.
    CREATE TABLE tenant_effects (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      tenant_id bigint NOT NULL REFERENCES tenants(id),
      step text NOT NULL,
      effect text NOT NULL,
      run_id bigint REFERENCES tenant_runs(id),
      created timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX tenant_effects_tenant ON tenant_effects (tenant_id, step);

    CREATE TABLE provisioning_faults (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      step text NOT NULL,
      tenant_id bigint REFERENCES tenants(id),
      times integer NOT NULL CHECK (times >= 1),
      remaining integer NOT NULL CHECK (remaining >= 0),
      message text NOT NULL,
      permanent boolean NOT NULL DEFAULT false,
      hold_seconds integer,
      last_hold_started_at timestamptz,
      created_by bigint REFERENCES users(id) ON DELETE SET NULL,
      created timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX provisioning_faults_step ON provisioning_faults (step) WHERE remaining > 0;

    -- Where each process's tenant console listens (ephemeral ports are the default).
    CREATE TABLE tenant_console_endpoints (
      executor_id text PRIMARY KEY,
      host text NOT NULL,
      port integer NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE INDEX events_tenant ON events (tenant_id, id) WHERE tenant_id IS NOT NULL;
  `.execute(db);
}
