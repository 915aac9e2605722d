import { type Kysely, sql } from 'kysely';

/**
 * Identity and tenancy: users and their hashed API tokens, organizations (customers), projects,
 * service providers, roles with their permission rows (data, editable by staff) and role grants.
 * Ids: a bigint primary key for joins and a uuid for the API (rendered as 32 hex digits).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE users (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      username text NOT NULL UNIQUE,
      email text NOT NULL DEFAULT '',
      first_name text NOT NULL DEFAULT '',
      last_name text NOT NULL DEFAULT '',
      organization text NOT NULL DEFAULT '',
      job_title text NOT NULL DEFAULT '',
      is_staff boolean NOT NULL DEFAULT false,
      is_support boolean NOT NULL DEFAULT false,
      is_active boolean NOT NULL DEFAULT true,
      -- Waldur's user_token_lifetime: seconds a newly issued token lives; null = no expiry.
      token_lifetime integer CHECK (token_lifetime IS NULL OR token_lifetime > 0),
      created timestamptz NOT NULL DEFAULT now(),
      modified timestamptz NOT NULL DEFAULT now()
    );

    -- Only a SHA-256 of each token is stored; the plaintext is shown once, when issued.
    CREATE TABLE api_tokens (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      token_hash bytea NOT NULL UNIQUE,
      token_prefix text NOT NULL,
      created timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz,
      revoked_at timestamptz
    );
    -- At most one live token per user (Waldur's model: rotate replaces it).
    CREATE UNIQUE INDEX api_tokens_one_live ON api_tokens (user_id) WHERE revoked_at IS NULL;

    CREATE TABLE customers (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      name text NOT NULL,
      slug text NOT NULL UNIQUE,
      abbreviation text NOT NULL DEFAULT '',
      native_name text NOT NULL DEFAULT '',
      email text NOT NULL DEFAULT '',
      backend_id text NOT NULL DEFAULT '',
      blocked boolean NOT NULL DEFAULT false,
      archived boolean NOT NULL DEFAULT false,
      created timestamptz NOT NULL DEFAULT now(),
      modified timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE projects (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      customer_id bigint NOT NULL REFERENCES customers(id),
      name text NOT NULL,
      slug text NOT NULL UNIQUE,
      description text NOT NULL DEFAULT '',
      backend_id text NOT NULL DEFAULT '',
      start_date date,
      end_date date,
      -- Soft delete: the row stays for orders and audit, hidden from every list.
      removed_at timestamptz,
      created timestamptz NOT NULL DEFAULT now(),
      modified timestamptz NOT NULL DEFAULT now(),
      CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
    );
    CREATE INDEX projects_customer ON projects (customer_id) WHERE removed_at IS NULL;

    CREATE TABLE service_providers (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      customer_id bigint NOT NULL UNIQUE REFERENCES customers(id),
      description text NOT NULL DEFAULT '',
      enable_notifications boolean NOT NULL DEFAULT true,
      created timestamptz NOT NULL DEFAULT now(),
      modified timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE roles (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      name text NOT NULL UNIQUE,
      description text NOT NULL DEFAULT '',
      content_type text NOT NULL CHECK (content_type IN ('customer', 'project', 'offering')),
      is_system_role boolean NOT NULL DEFAULT true,
      is_active boolean NOT NULL DEFAULT true,
      created timestamptz NOT NULL DEFAULT now(),
      modified timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE role_permissions (
      role_id bigint NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
      permission text NOT NULL,
      PRIMARY KEY (role_id, permission)
    );

    -- scope_id points into customers, projects or offerings according to scope_type.
    CREATE TABLE user_roles (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      role_id bigint NOT NULL REFERENCES roles(id),
      scope_type text NOT NULL CHECK (scope_type IN ('customer', 'project', 'offering')),
      scope_id bigint NOT NULL,
      expiration_time timestamptz,
      is_active boolean NOT NULL DEFAULT true,
      created_by bigint REFERENCES users(id) ON DELETE SET NULL,
      created timestamptz NOT NULL DEFAULT now(),
      modified timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX user_roles_one_active ON user_roles (user_id, role_id, scope_type, scope_id) WHERE is_active;
    -- The access resolver's lookup: a user's grants on given scopes.
    CREATE INDEX user_roles_user_scope ON user_roles (user_id, scope_type, scope_id) WHERE is_active;
    CREATE INDEX user_roles_scope ON user_roles (scope_type, scope_id) WHERE is_active;

    -- One row per live process; the sweeper hands a dead process's work to a live one.
    CREATE TABLE process_heartbeats (
      executor_id text PRIMARY KEY,
      role text NOT NULL,
      hostname text NOT NULL,
      pid integer NOT NULL,
      instance uuid NOT NULL,
      started_at timestamptz NOT NULL DEFAULT now(),
      heartbeat_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}
