import { type Kysely, sql } from 'kysely';

/**
 * Purchase-order files of orders (owned by the orders module): at most one per order, stored in
 * PostgreSQL so they survive with the database backups and need no file store.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE order_attachments (
      order_id bigint PRIMARY KEY REFERENCES orders(id) ON DELETE CASCADE,
      uuid uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
      file_name text NOT NULL,
      content_type text NOT NULL DEFAULT 'application/pdf',
      size integer NOT NULL CHECK (size > 0),
      sha256 text NOT NULL,
      data bytea NOT NULL,
      uploaded_by bigint REFERENCES users(id) ON DELETE SET NULL,
      created timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}
