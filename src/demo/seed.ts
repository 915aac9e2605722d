import { insertGrant } from '../modules/identity/adapters/pg/grant-writes.js';
import {
  insertCustomer,
  insertProject,
  insertServiceProvider,
} from '../modules/identity/adapters/pg/organization-writes.js';
import { insertToken } from '../modules/identity/adapters/pg/user-repository.js';
import { insertUser } from '../modules/identity/adapters/pg/user-writes.js';
import { hashToken, issueToken } from '../modules/identity/domain/tokens.js';
import type { Tx } from '../platform/db/database.js';
import { demoToken } from './demo-tokens.js';
import { DEMO_SLURM_OFFERING, seedOfferings } from './seed-offerings.js';
import { seedOrders } from './seed-orders.js';
import { seedSiteAgent } from './seed-site-agent.js';

/** One demo account: who they are and which role they hold where. */
export interface DemoUser {
  username: string;
  fullName: string;
  /** What the person is for, shown on the sign-in page and at start-up. */
  description: string;
  isStaff?: boolean;
  isSupport?: boolean;
  grant?: { role: string; scope: 'customer' | 'project' | 'offering'; name: string };
}

/** Demo organizations: a consumer with two projects and a service provider (whose offerings are in seed-offerings.ts). */
const CUSTOMERS = [
  {
    name: 'Aurora Research',
    slug: 'aurora-research',
    provider: false,
    projects: ['Genomics', 'Climate Models'],
  },
  { name: 'Nordic Compute', slug: 'nordic-compute', provider: true, projects: ['Provider Operations'] },
];

/** A demo user holding `role` on the scope called `name`; the description says so (`note` adds to it). */
function holder(
  username: string,
  fullName: string,
  role: string,
  scope: 'customer' | 'project' | 'offering',
  name: string,
  note = '',
): DemoUser {
  return { username, fullName, description: `${role} of ${name}${note}`, grant: { role, scope, name } };
}

/** One user per role, plus staff and global support. */
export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'staff', fullName: 'Sam Staff', description: 'platform staff', isStaff: true },
  {
    username: 'support',
    fullName: 'Sue Support',
    description: 'global support (read-only)',
    isSupport: true,
  },
  holder('alice', 'Alice Owner', 'CUSTOMER.OWNER', 'customer', 'Aurora Research'),
  holder('carol', 'Carol Support', 'CUSTOMER.SUPPORT', 'customer', 'Aurora Research'),
  holder('dave', 'Dave Admin', 'PROJECT.ADMIN', 'project', 'Genomics'),
  holder('erin', 'Erin Manager', 'PROJECT.MANAGER', 'project', 'Genomics'),
  holder('frank', 'Frank Member', 'PROJECT.MEMBER', 'project', 'Genomics'),
  holder('paula', 'Paula Provider', 'CUSTOMER.OWNER', 'customer', 'Nordic Compute', ' (service provider)'),
  holder('mike', 'Mike Provider-Manager', 'CUSTOMER.MANAGER', 'customer', 'Nordic Compute'),
  holder(
    'olga',
    'Olga Offering-Manager',
    'OFFERING.MANAGER',
    'offering',
    DEMO_SLURM_OFFERING,
    ' (Nordic Compute)',
  ),
];

/**
 * Seeds the demo into an empty database (no organizations yet); returns false when there was
 * already data. Runs under the setup lock, so two processes never seed twice.
 */
export async function seedDemo(tx: Tx, secret: string): Promise<boolean> {
  const any = await tx.selectFrom('customers').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  const ids = new Map<string, number>();
  for (const c of CUSTOMERS) {
    const row = await insertCustomer(tx, { name: c.name, slug: c.slug, email: `info@${c.slug}.example` });
    ids.set(c.name, row.id);
    if (c.provider) {
      await insertServiceProvider(tx, {
        customer_id: row.id,
        description: `${c.name} HPC and cloud services`,
      });
    }
    for (const p of c.projects) {
      const slug = p.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      const prow = await insertProject(tx, {
        customer_id: row.id,
        name: p,
        slug,
        description: `${p} at ${c.name}`,
      });
      ids.set(p, prow.id);
    }
  }
  const offerings = await seedOfferings(tx, ids.get('Nordic Compute')!);
  for (const [name, id] of offerings) ids.set(name, id);
  for (const u of DEMO_USERS) {
    const [first, ...rest] = u.fullName.split(' ');
    const user = await insertUser(tx, {
      username: u.username,
      email: `${u.username}@demo.example`,
      first_name: first ?? '',
      last_name: rest.join(' '),
      is_staff: u.isStaff ?? false,
      is_support: u.isSupport ?? false,
    });
    await insertToken(tx, user.id, issueToken(demoToken(secret, u.username)), null);
    if (u.grant) {
      const role = await tx
        .selectFrom('roles')
        .select('id')
        .where('name', '=', u.grant.role)
        .executeTakeFirstOrThrow();
      await insertGrant(tx, {
        user_id: user.id,
        role_id: role.id,
        scope_type: u.grant.scope,
        scope_id: ids.get(u.grant.name)!,
      });
    }
  }
  const genomics = await tx
    .selectFrom('projects')
    .select('uuid')
    .where('id', '=', ids.get('Genomics')!)
    .executeTakeFirstOrThrow();
  await seedOrders(tx, genomics.uuid);
  await seedSiteAgent(tx, ids.get(DEMO_SLURM_OFFERING)!, 'olga');
  return true;
}

/** The demo users whose live token is still the derived demo token (those can be listed publicly). */
export async function liveDemoTokens(tx: Tx, secret: string): Promise<{ user: DemoUser; token: string }[]> {
  const out: { user: DemoUser; token: string }[] = [];
  for (const u of DEMO_USERS) {
    const token = demoToken(secret, u.username);
    const live = await tx
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select('api_tokens.id')
      .where('users.username', '=', u.username)
      .where('api_tokens.token_hash', '=', hashToken(token))
      .where('api_tokens.revoked_at', 'is', null)
      .executeTakeFirst();
    if (live) out.push({ user: u, token });
  }
  return out;
}
