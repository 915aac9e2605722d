import { randomBytes } from 'node:crypto';
import { insertToken } from '../../src/modules/identity/adapters/pg/user-repository.js';
import { issueToken } from '../../src/modules/identity/domain/tokens.js';
import type { Db } from '../../src/platform/db/database.js';

let seq = 0;
const unique = (p: string) => `${p}-${process.pid}-${++seq}-${randomBytes(2).toString('hex')}`;

/** A user with a live token. */
export interface TestUser {
  id: number;
  uuid: string;
  username: string;
  token: string;
}

/** Creates a user with a token (options: staff, support, inactive). */
export async function makeUser(
  db: Db,
  opts: { staff?: boolean; support?: boolean; active?: boolean; username?: string } = {},
): Promise<TestUser> {
  const username = opts.username ?? unique('user');
  const u = await db
    .insertInto('users')
    .values({
      username,
      email: `${username}@test.example`,
      first_name: 'Test',
      last_name: username,
      is_staff: opts.staff ?? false,
      is_support: opts.support ?? false,
      is_active: opts.active ?? true,
    })
    .returning(['id', 'uuid'])
    .executeTakeFirstOrThrow();
  const issued = issueToken();
  await db.transaction().execute((tx) => insertToken(tx, u.id, issued, null));
  return { id: u.id, uuid: u.uuid, username, token: issued.token };
}

/** Creates an organization. */
export async function makeCustomer(
  db: Db,
  opts: { name?: string; blocked?: boolean; archived?: boolean } = {},
) {
  const name = opts.name ?? unique('Org');
  return db
    .insertInto('customers')
    .values({
      name,
      slug: unique('org').toLowerCase(),
      blocked: opts.blocked ?? false,
      archived: opts.archived ?? false,
    })
    .returning(['id', 'uuid', 'name'])
    .executeTakeFirstOrThrow();
}

/** Creates a project in an organization. */
export async function makeProject(
  db: Db,
  customerId: number,
  opts: { name?: string; start_date?: string; end_date?: string } = {},
) {
  const name = opts.name ?? unique('Project');
  return db
    .insertInto('projects')
    .values({
      customer_id: customerId,
      name,
      slug: unique('prj').toLowerCase(),
      start_date: opts.start_date ?? null,
      end_date: opts.end_date ?? null,
    })
    .returning(['id', 'uuid', 'name', 'customer_id'])
    .executeTakeFirstOrThrow();
}

/** Grants a role on a scope directly (bypassing the API). */
export async function grant(
  db: Db,
  userId: number,
  role: string,
  scope: { type: 'customer' | 'project' | 'offering'; id: number },
) {
  const r = await db.selectFrom('roles').select('id').where('name', '=', role).executeTakeFirstOrThrow();
  await db
    .insertInto('user_roles')
    .values({ user_id: userId, role_id: r.id, scope_type: scope.type, scope_id: scope.id })
    .execute();
}

/** Registers an organization as a service provider. */
export async function makeServiceProvider(db: Db, customerId: number) {
  return db
    .insertInto('service_providers')
    .values({ customer_id: customerId })
    .returning(['id', 'uuid'])
    .executeTakeFirstOrThrow();
}
