import { type Kysely, sql } from 'kysely';

/**
 * Site agents (issue 11): the identities Waldur site agents register per offering, their services
 * and processors, the log lines they ship, and the integration status (last seen) per offering.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE site_agent_identities (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      offering_id bigint NOT NULL REFERENCES offerings(id) ON DELETE CASCADE,
      created_by_id bigint REFERENCES users(id) ON DELETE SET NULL,
      name text NOT NULL,
      version text,
      dependencies jsonb NOT NULL DEFAULT '[]',
      config_file_path text,
      config_file_content text,
      last_restarted timestamptz NOT NULL DEFAULT now(),
      created timestamptz NOT NULL DEFAULT now(),
      modified timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX site_agent_identities_offering ON site_agent_identities (offering_id, id);
    CREATE INDEX site_agent_identities_name ON site_agent_identities (name);

    CREATE TABLE site_agent_services (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      identity_id bigint NOT NULL REFERENCES site_agent_identities(id) ON DELETE CASCADE,
      name text NOT NULL,
      mode text,
      -- Waldur's AgentServiceState codes: 1 Active, 2 Idle, 3 Error.
      state smallint NOT NULL DEFAULT 1 CHECK (state IN (1, 2, 3)),
      statistics jsonb NOT NULL DEFAULT '{}',
      created timestamptz NOT NULL DEFAULT now(),
      modified timestamptz NOT NULL DEFAULT now(),
      UNIQUE (identity_id, name)
    );

    CREATE TABLE site_agent_processors (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      service_id bigint NOT NULL REFERENCES site_agent_services(id) ON DELETE CASCADE,
      name text NOT NULL,
      backend_type text NOT NULL,
      backend_version text,
      last_run timestamptz DEFAULT now(),
      created timestamptz NOT NULL DEFAULT now(),
      modified timestamptz NOT NULL DEFAULT now(),
      UNIQUE (service_id, name)
    );

    CREATE TABLE site_agent_logs (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      identity_id bigint NOT NULL REFERENCES site_agent_identities(id) ON DELETE CASCADE,
      -- Unix time of the entry as the agent sent it (Waldur keeps a float too).
      timestamp double precision NOT NULL,
      level text NOT NULL CHECK (level IN ('DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL')),
      message text NOT NULL,
      module text NOT NULL,
      created timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX site_agent_logs_identity ON site_agent_logs (identity_id, timestamp DESC);

    -- Waldur's IntegrationStatus: when an agent of each kind last called in for an offering.
    CREATE TABLE site_agent_integration_statuses (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      offering_id bigint NOT NULL REFERENCES offerings(id) ON DELETE CASCADE,
      agent_type text NOT NULL,
      status text NOT NULL DEFAULT 'Unknown' CHECK (status IN ('Active', 'Disconnected', 'Unknown')),
      service_name text NOT NULL DEFAULT '',
      last_request_timestamp timestamptz,
      created timestamptz NOT NULL DEFAULT now(),
      modified timestamptz NOT NULL DEFAULT now(),
      UNIQUE (offering_id, agent_type)
    );
  `.execute(db);
}
