import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { addRolePermission, createOrder, removeRolePermission } from '../support/order-api.js';
import { type Marketplace, makeMarketplace, makeOffering } from '../support/order-factories.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';

let s: TestServer;
let smtp: TestSmtp;
let m: Marketplace;

beforeAll(async () => {
  s = await startTestServer();
  smtp = await startTestSmtp();
  m = await makeMarketplace(s.tdb.db, 'Support.OfferingTemplate');
});
afterAll(async () => {
  await smtp.close();
  await s.close();
});

const mailOf = (u: { username: string }) => `${u.username}@test.example`;

/** Creates an order as `user` and returns its state and the mails its creation caused. */
async function create(mk: Marketplace, user: Marketplace['owner']) {
  await smtp.deliver(s.tdb.db);
  smtp.take();
  const o = await createOrder(s, mk, user);
  await smtp.deliver(s.tdb.db);
  return {
    state: o.state,
    mails: smtp.take().map((x) => [x.to.join(','), x.subject.replace(o.resource_name, '<r>')]),
  };
}

const consumerMail = (mk: Marketplace) => [
  mailOf(mk.owner),
  'Create order for <r> is waiting for consumer approval',
];

describe('OrderNotificationCreateTest (§5.1, §5.2) with the e-mails each case sends', () => {
  it('the consumer approver is e-mailed when an order is created for review', async () => {
    for (const user of [m.projectAdmin, m.projectManager])
      expect(await create(m, user)).toEqual({ state: 'pending-consumer', mails: [consumerMail(m)] });
  });

  it('public offering: staff and the owner are auto-approved (executing, no e-mail)', async () => {
    for (const user of [m.staff, m.owner])
      expect(await create(m, user)).toEqual({ state: 'executing', mails: [] });
  });

  it('public offering: manager and admin are auto-approved once they hold ORDER.APPROVE', async () => {
    await addRolePermission(s.tdb.db, 'PROJECT.ADMIN', 'ORDER.APPROVE');
    await addRolePermission(s.tdb.db, 'PROJECT.MANAGER', 'ORDER.APPROVE');
    try {
      for (const user of [m.projectAdmin, m.projectManager])
        expect((await create(m, user)).state).toBe('executing');
    } finally {
      await removeRolePermission(s.tdb.db, 'PROJECT.ADMIN', 'ORDER.APPROVE');
      await removeRolePermission(s.tdb.db, 'PROJECT.MANAGER', 'ORDER.APPROVE');
    }
  });

  it('private offering: staff, owner, manager and admin with APPROVE_PRIVATE are auto-approved', async () => {
    const offering = await makeOffering(s.tdb.db, m.customer.id, {
      type: 'Support.OfferingTemplate',
      shared: false,
    });
    const priv = { ...m, offering };
    for (const user of [m.staff, m.owner, m.projectManager, m.projectAdmin])
      expect(await create(priv, user)).toEqual({ state: 'executing', mails: [] });
  });

  it('auto_approve_in_service_provider_projects: True → executing, False → pending-consumer and a mail', async () => {
    const own = async (on: boolean) => ({
      ...m,
      offering: await makeOffering(s.tdb.db, m.customer.id, {
        type: 'Support.OfferingTemplate',
        pluginOptions: { auto_approve_in_service_provider_projects: on },
      }),
    });
    expect(await create(await own(true), m.projectAdmin)).toEqual({ state: 'executing', mails: [] });
    expect(await create(await own(false), m.projectAdmin)).toEqual({
      state: 'pending-consumer',
      mails: [consumerMail(m)],
    });
  });

  it('OrderApprovalByProviderNotificationTest: a Basic order skipping consumer review mails the provider approvers only', async () => {
    const basic = {
      ...m,
      offering: await makeOffering(s.tdb.db, m.provider.id, { type: 'Marketplace.Basic' }),
    };
    // The owner and the service provider manager (Waldur migration 0033) of the provider; this new
    // offering has no manager yet.
    const subject = 'Create order for <r> is waiting for provider approval';
    const created = await create(basic, m.owner);
    expect(created.state).toBe('pending-provider');
    expect([...created.mails].sort()).toEqual(
      [
        [mailOf(m.providerOwner), subject],
        [mailOf(m.customerManager), subject],
      ].sort(),
    );
  });
});
