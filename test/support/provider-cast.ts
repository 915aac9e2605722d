import type { Db } from '../../src/platform/db/database.js';
import {
  grant,
  makeCustomer,
  makeProject,
  makeServiceProvider,
  makeUser,
  type TestUser,
} from './factories.js';

/** A problem body as the offering tests read it. */
export interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: { pointer: string; detail: string }[];
}
/** An inserted row. */
export interface Row {
  id: number;
  uuid: string;
}

/** The 32-hex form of a uuid. */
export const hex = (uuid: string) => uuid.replace(/-/g, '');
/** The distinct field pointers of a problem. */
export const pointers = (p: Problem) => [...new Set((p.errors ?? []).map((e) => e.pointer))];

/**
 * The cast of the provider-side offering tests: staff; a service provider organization with its
 * owner and service manager; an offering manager (granted per offering by each test); and a consumer
 * organization with its owner and a project admin.
 */
export interface ProviderCast {
  staff: TestUser;
  owner: TestUser;
  spManager: TestUser;
  offeringManager: TestUser;
  admin: TestUser;
  ownerQ: TestUser;
  org: { id: number };
  orgQ: { id: number };
  project: Row;
}

/** Creates the {@link ProviderCast} with its organization grants. */
export async function makeProviderCast(db: Db): Promise<ProviderCast> {
  const staff = await makeUser(db, { staff: true });
  const [owner, spManager, offeringManager, admin, ownerQ] = await Promise.all([
    makeUser(db),
    makeUser(db),
    makeUser(db),
    makeUser(db),
    makeUser(db),
  ]);
  const org = await makeCustomer(db);
  const orgQ = await makeCustomer(db);
  await makeServiceProvider(db, org.id);
  const project = await makeProject(db, orgQ.id);
  await grant(db, owner.id, 'CUSTOMER.OWNER', { type: 'customer', id: org.id });
  await grant(db, spManager.id, 'CUSTOMER.MANAGER', { type: 'customer', id: org.id });
  await grant(db, admin.id, 'PROJECT.ADMIN', { type: 'project', id: project.id });
  await grant(db, ownerQ.id, 'CUSTOMER.OWNER', { type: 'customer', id: orgQ.id });
  return { staff, owner, spManager, offeringManager, admin, ownerQ, org, orgQ, project };
}
