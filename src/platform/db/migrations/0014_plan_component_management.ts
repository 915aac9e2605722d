import { type Kysely, sql } from 'kysely';

/**
 * Plan and component management: a component's price scheduled for the next billing month (Waldur
 * `PlanComponent.future_price`, set by `update_prices` on a plan that resources already use), and
 * the offering fields its `update_overview`, `update_attributes` and `update_location` edit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE plan_components
      ADD COLUMN future_price numeric(22, 10) CHECK (future_price >= 0),
      -- First day the future price applies; the plan job makes it the price from then on.
      ADD COLUMN future_price_from timestamptz,
      ADD CHECK ((future_price IS NULL) = (future_price_from IS NULL))
  `.execute(db);
  await sql`
    ALTER TABLE offerings
      ADD COLUMN attributes jsonb NOT NULL DEFAULT '{}'::jsonb,
      ADD COLUMN latitude double precision CHECK (latitude BETWEEN -90 AND 90),
      ADD COLUMN longitude double precision CHECK (longitude BETWEEN -180 AND 180),
      ADD COLUMN full_description text NOT NULL DEFAULT '',
      ADD COLUMN privacy_policy_link text NOT NULL DEFAULT '',
      ADD COLUMN helpdesk_url text NOT NULL DEFAULT '',
      ADD COLUMN documentation_url text NOT NULL DEFAULT '',
      ADD COLUMN access_url text NOT NULL DEFAULT '',
      ADD COLUMN getting_started text NOT NULL DEFAULT '',
      ADD COLUMN integration_guide text NOT NULL DEFAULT ''
  `.execute(db);
  // The offering's picture, outside `offerings` so that lists never read the bytes.
  await sql`
    CREATE TABLE offering_thumbnails (
      offering_id bigint PRIMARY KEY REFERENCES offerings(id) ON DELETE CASCADE,
      content_type text NOT NULL,
      data bytea NOT NULL,
      sha256 text NOT NULL,
      modified timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
}
