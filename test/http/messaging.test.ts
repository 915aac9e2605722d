import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { act, createOrder, expectAct, getOrder, type ProblemView } from '../support/order-api.js';
import { type Marketplace, makeMarketplace } from '../support/order-factories.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';

let s: TestServer;
let smtp: TestSmtp;
let m: Marketplace;
let off: Marketplace;

beforeAll(async () => {
  s = await startTestServer();
  smtp = await startTestSmtp();
  m = await makeMarketplace(s.tdb.db, 'Marketplace.Basic', { enable_provider_consumer_messaging: true });
  off = await makeMarketplace(s.tdb.db, 'Marketplace.Basic');
});
afterAll(async () => {
  await smtp.close();
  await s.close();
});

const mail = (username: string) => `${username}@test.example`;

/** A pending-provider order created by the project admin and approved by the consumer owner. */
async function waitingForProvider(mk: Marketplace) {
  const o = await createOrder(s, mk, mk.projectAdmin);
  await expectAct(s, o.uuid, 'approve_by_consumer', mk.owner, 200);
  await smtp.deliver(s.tdb.db);
  smtp.take();
  return o;
}

describe('provider ↔ consumer messaging on pending-provider orders (§7.18–§7.19)', () => {
  it('the provider asks, the consumer side is e-mailed; the consumer answers, the provider is e-mailed', async () => {
    const o = await waitingForProvider(m);
    const asked = await expectAct(s, o.uuid, 'set_provider_info', m.providerOwner, 200, {
      provider_message: 'Which partition do you need?',
      provider_message_url: 'https://docs.example.test/partitions',
    });
    expect(asked.body).toEqual({ detail: 'Provider info has been updated.' });
    let order = await getOrder(s, o.uuid, m.projectAdmin);
    expect(order).toMatchObject({
      state: 'pending-provider',
      provider_message: 'Which partition do you need?',
      provider_message_url: 'https://docs.example.test/partitions',
    });
    await smtp.deliver(s.tdb.db);
    const toConsumer = smtp.take();
    // The creator and whoever may answer (ORDER.SET_CONSUMER_INFO: the organization owner).
    expect(toConsumer.flatMap((r) => r.to).sort()).toEqual(
      [mail(m.projectAdmin.username), mail(m.owner.username)].sort(),
    );
    expect(toConsumer[0]?.subject).toMatch(/^Message from .+ about the order for res-/);
    expect(toConsumer[0]?.text).toContain('Which partition do you need?');
    expect(toConsumer[0]?.text).toContain('Link: https://docs.example.test/partitions');

    await expectAct(s, o.uuid, 'set_consumer_info', m.owner, 200, { consumer_message: 'The gpu partition.' });
    order = await getOrder(s, o.uuid, m.providerOwner);
    expect(order).toMatchObject({ consumer_message: 'The gpu partition.' });
    await smtp.deliver(s.tdb.db);
    const toProvider = smtp.take();
    // The provider's approvers: owner, service provider manager and offering manager (orders §9.3).
    expect(toProvider.map((r) => r.to).sort()).toEqual(
      [m.providerOwner, m.customerManager, m.offeringManager].map((u) => [mail(u.username)]).sort(),
    );
    expect(toProvider[0]?.subject).toMatch(/^Reply from .+ about the order for res-/);
    expect(toProvider[0]?.text).toContain('The gpu partition.');
  });

  it('refusals: consumer roles 403 for provider info, disabled messaging 409, wrong state 409', async () => {
    const o = await waitingForProvider(m);
    await expectAct(s, o.uuid, 'set_provider_info', m.owner, 403, { provider_message: 'x' });
    await expectAct(s, o.uuid, 'set_consumer_info', m.providerOwner, 403, { consumer_message: 'x' });
    const disabled = await waitingForProvider(off);
    const r = await act<ProblemView>(s, disabled.uuid, 'set_provider_info', off.providerOwner, {
      provider_message: 'x',
    });
    expect(r.status, r.text).toBe(409);
    const pendingConsumer = await createOrder(s, m, m.projectAdmin);
    await expectAct(s, pendingConsumer.uuid, 'set_consumer_info', m.owner, 409, { consumer_message: 'x' });
    await expectAct(s, o.uuid, 'set_provider_info', m.providerOwner, 400, {});
    await smtp.deliver(s.tdb.db);
    smtp.take();
  });

  it('abilities show the messaging actions to those who may use them', async () => {
    const o = await waitingForProvider(m);
    const asProvider = await s.request<{ abilities: Record<string, { allowed: boolean }> }>(
      'GET',
      `/api/marketplace-orders/${o.uuid}/`,
      { token: m.providerOwner.token },
    );
    expect(asProvider.body.abilities.set_provider_info?.allowed).toBe(true);
    expect(asProvider.body.abilities.set_consumer_info?.allowed).toBe(false);
    const asOwner = await s.request<{ abilities: Record<string, { allowed: boolean }> }>(
      'GET',
      `/api/marketplace-orders/${o.uuid}/`,
      { token: m.owner.token },
    );
    expect(asOwner.body.abilities.set_consumer_info?.allowed).toBe(true);
  });
});
