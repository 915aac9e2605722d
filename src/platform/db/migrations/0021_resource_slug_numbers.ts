import { type Kysely, sql } from 'kysely';

/**
 * Resource slugs without a queue (issue 14). 0011 gave each new resource `<base>-<max + 1>` under one
 * advisory lock per base, held until commit, and found the max by scanning every slug of the base:
 * creations whose names share their first 8 characters ("SLURM allocation …") ran one at a time.
 *
 * Now the largest number of a base is one index probe (`resources_slug_number`), and the lock is per
 * candidate number: a transaction that is inserting `<base>-n` holds n's lock, so a concurrent one
 * moves on to n + 1 instead of waiting. A number committed after the max was read is seen by the
 * existence check, a statement of its own after the lock (each statement of a volatile function takes
 * a fresh snapshot). Creations one at a time get the slugs 0011 gave; concurrent ones get distinct
 * consecutive numbers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The two halves of a '<base>-<1 to 18 digits>' slug (NULL for other slugs), as 0011 read them.
    CREATE FUNCTION slug_base(slug text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $f$ SELECT substring(slug FROM '^(.*)-[0-9]{1,18}$') $f$;
    CREATE FUNCTION slug_number(slug text) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $f$ SELECT substring(slug FROM '-([0-9]{1,18})$')::bigint $f$;
    CREATE INDEX resources_slug_number ON resources (slug_base(slug), slug_number(slug));

    CREATE OR REPLACE FUNCTION resource_slug(resource_name text) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
    DECLARE
      base text := rtrim(left(trim(BOTH '-' FROM regexp_replace(lower(resource_name), '[^a-z0-9]+', '-', 'g')), 8), '-');
      n bigint;
    BEGIN
      IF base = '' THEN base := 'resource'; END IF;
      SELECT coalesce(max(slug_number(slug)), 0) + 1 INTO n FROM resources WHERE slug_base(slug) = base;
      LOOP
        -- Two statements: the existence check must take its snapshot after the lock is held, so it
        -- sees a row committed by the lock's previous holder.
        IF pg_try_advisory_xact_lock(hashtextextended('resource_slug:' || base || '-' || n, 0)) THEN
          IF NOT EXISTS (SELECT 1 FROM resources WHERE slug = base || '-' || n) THEN
            RETURN base || '-' || n;
          END IF;
        END IF;
        n := n + 1;
      END LOOP;
    END $$;
  `.execute(db);
}
