import { type Kysely, sql } from 'kysely';

/**
 * Offering users (a person's account at a provider's offering, with Waldur's state machine), the
 * per-user breakdown of reported component usages and per-user usage limits, the offering's user
 * attribute exposure config, and the site agent's per-member sync status reports.
 * All owned by the `offering-users` module.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE offering_users (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      offering_id bigint NOT NULL REFERENCES offerings(id) ON DELETE CASCADE,
      user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      username text,
      state text NOT NULL DEFAULT 'Requested' CHECK (state IN ('Requested', 'Creating', 'OK',
        'Pending account linking', 'Pending additional validation', 'Error creating',
        'Requested deletion', 'Deleting', 'Deleted', 'Error deleting')),
      is_restricted boolean NOT NULL DEFAULT false,
      service_provider_comment text NOT NULL DEFAULT '',
      service_provider_comment_url text NOT NULL DEFAULT '',
      propagation_date timestamptz,
      created timestamptz NOT NULL DEFAULT now(),
      modified timestamptz NOT NULL DEFAULT now(),
      UNIQUE (offering_id, user_id)
    );
    CREATE INDEX offering_users_user ON offering_users (user_id);
    CREATE INDEX offering_users_offering_username ON offering_users (offering_id, username);

    CREATE TABLE component_user_usages (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      component_usage_id bigint NOT NULL REFERENCES component_usages(id) ON DELETE CASCADE,
      offering_user_id bigint REFERENCES offering_users(id) ON DELETE SET NULL,
      username text NOT NULL,
      usage numeric(22, 10) NOT NULL CHECK (usage >= 0),
      description text NOT NULL DEFAULT '',
      backend_id text NOT NULL DEFAULT '',
      date timestamptz NOT NULL,
      created timestamptz NOT NULL DEFAULT now(),
      modified timestamptz NOT NULL DEFAULT now(),
      -- A report for the same user of the same monthly usage replaces the value.
      UNIQUE (component_usage_id, username)
    );

    CREATE TABLE component_user_usage_limits (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      resource_id bigint NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
      component_id bigint NOT NULL REFERENCES offering_components(id) ON DELETE CASCADE,
      offering_user_id bigint NOT NULL REFERENCES offering_users(id) ON DELETE CASCADE,
      "limit" numeric(22, 10) NOT NULL DEFAULT 0 CHECK ("limit" >= 0),
      created timestamptz NOT NULL DEFAULT now(),
      modified timestamptz NOT NULL DEFAULT now(),
      UNIQUE (resource_id, component_id, offering_user_id)
    );

    CREATE TABLE offering_user_attribute_configs (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      offering_id bigint NOT NULL UNIQUE REFERENCES offerings(id) ON DELETE CASCADE,
      -- { "expose_email": true, ... }: only the expose_* flags the provider set.
      flags jsonb NOT NULL DEFAULT '{}'::jsonb,
      created timestamptz NOT NULL DEFAULT now(),
      modified timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE resource_member_sync_statuses (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      resource_id bigint NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
      user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      scope_type text NOT NULL CHECK (scope_type IN ('resource', 'resource_project')),
      role_name text NOT NULL,
      state text NOT NULL CHECK (state IN ('error', 'missing_in_idp', 'pending', 'synced')),
      message text NOT NULL DEFAULT '',
      created timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX resource_member_sync_statuses_resource ON resource_member_sync_statuses (resource_id);
  `.execute(db);
}
