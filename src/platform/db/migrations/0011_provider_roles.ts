import { type Kysely, type QueryExecutorProvider, sql } from 'kysely';

/**
 * Provider roles and resource identity fields.
 *
 * - Order management for offering managers and service provider managers (orders spec §9.2–§9.3,
 *   Waldur migration `0033_service_provider_manager_orders`): ORDER.LIST, ORDER.APPROVE and
 *   ORDER.REJECT on the built-in roles of running installations (new ones get them from the
 *   default role table; staff edits elsewhere are kept).
 * - `resources.last_sync`: never null (Waldur sets it on creation; the agent refreshes it).
 * - `resources.slug`: unique and derived from the name as Waldur's `generate_slug` does (first 8
 *   characters of the slugified name, then `-<max suffix + 1>`). A trigger fills it on every insert
 *   that leaves it empty, so every creation path gets one; the site agent names SLURM accounts
 *   `hpc_<slug>`. Existing rows whose slug is empty, shared, or not yet used by a backend are
 *   back-filled.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    INSERT INTO role_permissions (role_id, permission)
    SELECT r.id, p.permission
    FROM roles r
    CROSS JOIN (VALUES ('ORDER.LIST'), ('ORDER.APPROVE'), ('ORDER.REJECT')) AS p(permission)
    WHERE r.name IN ('OFFERING.MANAGER', 'CUSTOMER.MANAGER')
    ON CONFLICT DO NOTHING;

    UPDATE resources SET last_sync = created WHERE last_sync IS NULL;
    ALTER TABLE resources ALTER COLUMN last_sync SET DEFAULT now();
    ALTER TABLE resources ALTER COLUMN last_sync SET NOT NULL;

    -- Waldur's generate_slug: base = slugify(name)[:8]; suffix = 1 + the largest numeric suffix among
    -- slugs starting with the base. A transaction lock per base keeps concurrent creations apart.
    CREATE FUNCTION resource_slug(resource_name text) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
    DECLARE
      base text := rtrim(left(trim(BOTH '-' FROM regexp_replace(lower(resource_name), '[^a-z0-9]+', '-', 'g')), 8), '-');
      top bigint;
    BEGIN
      IF base = '' THEN base := 'resource'; END IF;
      PERFORM pg_advisory_xact_lock(hashtext('resource_slug:' || base));
      SELECT coalesce(max(substring(slug FROM '-([0-9]{1,18})$')::bigint), 0) INTO top
        FROM resources WHERE slug LIKE base || '-%' AND slug ~ ('^' || base || '-[0-9]+$');
      RETURN base || '-' || (top + 1);
    END $$;

    CREATE FUNCTION resources_fill_slug() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.slug = '' THEN NEW.slug := resource_slug(NEW.name); END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER resources_fill_slug BEFORE INSERT ON resources
      FOR EACH ROW EXECUTE FUNCTION resources_fill_slug();
  `.execute(db);
  await backfillResourceSlugs(db);
  await sql`
    CREATE UNIQUE INDEX resources_slug ON resources (slug text_pattern_ops);
    ALTER TABLE resources ADD CONSTRAINT resources_slug_not_empty CHECK (slug <> '');
  `.execute(db);
}

/**
 * Gives a fresh slug to every resource whose slug is empty, shared with an older resource, or not
 * yet used by a backend (no `backend_id`), in id order, one statement per row so each sees the
 * slugs given before it. Kept callable for the back-fill test.
 */
export async function backfillResourceSlugs(db: QueryExecutorProvider): Promise<void> {
  await sql`
    DO $$
    DECLARE rid bigint;
    BEGIN
      UPDATE resources SET slug = '' WHERE backend_id = '' OR id <> (
        SELECT min(o.id) FROM resources o WHERE o.slug = resources.slug
      );
      FOR rid IN SELECT id FROM resources WHERE slug = '' ORDER BY id LOOP
        UPDATE resources SET slug = resource_slug(name) WHERE id = rid;
      END LOOP;
    END $$;
  `.execute(db);
}
