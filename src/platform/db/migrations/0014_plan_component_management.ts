import { type Kysely, sql } from 'kysely';

/**
 * Plan and component management: a component's price scheduled for the next billing month (Waldur
 * `PlanComponent.future_price`, set by `update_prices` on a plan that resources already use).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE plan_components
      ADD COLUMN future_price numeric(22, 10) CHECK (future_price >= 0),
      -- First day the future price applies; the plan job makes it the price from then on.
      ADD COLUMN future_price_from timestamptz,
      ADD CHECK ((future_price IS NULL) = (future_price_from IS NULL))
  `.execute(db);
}
