import { type Kysely, sql } from 'kysely';

/**
 * Keyset-friendly indexes for the order lists the site agent and the provider dashboard page
 * through: by offering or project in Waldur's default order (created, id). The state is filtered
 * on the fly, so a page costs about page_size index entries instead of a sort of every match
 * (`npm run bench`, 200k-order list scenario).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX orders_offering_created ON orders (offering_id, created, id);
    CREATE INDEX orders_project_created_id ON orders (project_id, created, id);
    DROP INDEX orders_project_created;
  `.execute(db);
}
