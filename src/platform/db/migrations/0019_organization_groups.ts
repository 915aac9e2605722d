import { type Kysely, sql } from 'kysely';

/**
 * Organization groups (Waldur `OrganizationGroup`, a tree by `parent`): an organization belongs to
 * any number of them (identity), and an offering or a plan may be limited to some of them
 * (offerings). No rows for an offering or plan means it is open to everyone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE organization_groups (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      name text NOT NULL,
      -- Waldur deletes a group's subgroups with it.
      parent_id bigint REFERENCES organization_groups(id) ON DELETE CASCADE,
      created timestamptz NOT NULL DEFAULT now(),
      modified timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX organization_groups_parent ON organization_groups (parent_id) WHERE parent_id IS NOT NULL;

    CREATE TABLE customer_organization_groups (
      customer_id bigint NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
      group_id bigint NOT NULL REFERENCES organization_groups(id) ON DELETE CASCADE,
      PRIMARY KEY (customer_id, group_id)
    );
    CREATE INDEX customer_organization_groups_group ON customer_organization_groups (group_id);

    CREATE TABLE offering_organization_groups (
      offering_id bigint NOT NULL REFERENCES offerings(id) ON DELETE CASCADE,
      group_id bigint NOT NULL REFERENCES organization_groups(id) ON DELETE CASCADE,
      PRIMARY KEY (offering_id, group_id)
    );

    CREATE TABLE plan_organization_groups (
      plan_id bigint NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
      group_id bigint NOT NULL REFERENCES organization_groups(id) ON DELETE CASCADE,
      PRIMARY KEY (plan_id, group_id)
    );
  `.execute(db);
}
