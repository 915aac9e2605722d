import { type Kysely, sql } from 'kysely';

/**
 * Resource users and the service provider manager's end dates.
 *
 * - RESOURCE.SET_END_DATE for CUSTOMER.MANAGER on running installations (Waldur's tests let the
 *   service provider manager call `set_end_date_by_provider`); new installations get it from the
 *   default role table, and staff edits elsewhere are kept.
 * - Roles and grants may be scoped to a resource, as Waldur's resource `add_user` grants a role on
 *   the resource itself: the scope-type CHECK constraints of `roles` and `user_roles` are widened.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    INSERT INTO role_permissions (role_id, permission)
    SELECT r.id, 'RESOURCE.SET_END_DATE' FROM roles r WHERE r.name = 'CUSTOMER.MANAGER'
    ON CONFLICT DO NOTHING;
  `.execute(db);
  await widenScopeCheck(db, 'roles', 'content_type');
  await widenScopeCheck(db, 'user_roles', 'scope_type');
}

/** Replaces the CHECK constraint on `table.column` by one that also allows 'resource'. */
async function widenScopeCheck(db: Kysely<unknown>, table: string, column: string): Promise<void> {
  const found = await sql<{ conname: string }>`
    SELECT c.conname FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
    WHERE c.conrelid = ${table}::regclass AND c.contype = 'c' AND a.attname = ${column}
  `.execute(db);
  for (const { conname } of found.rows) {
    await sql`ALTER TABLE ${sql.table(table)} DROP CONSTRAINT ${sql.id(conname)}`.execute(db);
  }
  await sql`
    ALTER TABLE ${sql.table(table)} ADD CONSTRAINT ${sql.id(`${table}_${column}_scope`)}
    CHECK (${sql.ref(column)} IN ('customer', 'project', 'offering', 'resource'))
  `.execute(db);
}
