import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOfUser } from '../../src/modules/identity/app/system-actors.js';
import { approveByConsumer } from '../../src/modules/orders/app/approve-by-consumer.js';
import { deleteOrderAttachment } from '../../src/modules/orders/app/delete-attachment.js';
import { updateOrderAttachment } from '../../src/modules/orders/app/update-attachment.js';
import type { Actor } from '../../src/platform/auth/actor.js';
import type { DomainError } from '../../src/platform/errors.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { makeCustomer, makeProject, makeUser } from '../support/factories.js';
import { makeOffering } from '../support/order-factories.js';

// The use cases re-check under the order's row lock what the route checked on a snapshot: a file
// removed between the route's ability check and the approval must still block it (§7.5).

let t: TestDatabase;
let staff: Actor;
beforeAll(async () => {
  t = await createTestDatabase();
  const u = await makeUser(t.db, { staff: true });
  staff = (await t.db.transaction().execute((tx) => actorOfUser(tx, u.id)))!;
});
afterAll(() => t.drop());

/** A pending-consumer Create order on an offering that requires a purchase order. */
async function pendingOrder() {
  const customer = await makeCustomer(t.db);
  const project = await makeProject(t.db, customer.id);
  const offering = await makeOffering(t.db, customer.id, {
    pluginOptions: { require_purchase_order_upload: true, auto_complete_on_approval: false },
  });
  const r = await t.db
    .insertInto('resources')
    .values({ offering_id: offering.id, project_id: project.id, name: 'po' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const o = await t.db
    .insertInto('orders')
    .values({ resource_id: r.id, offering_id: offering.id, project_id: project.id, type: 1, state: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return o.id;
}

const codeOf = async (work: () => Promise<unknown>) => {
  try {
    await work();
  } catch (err) {
    return (err as DomainError).code;
  }
  return 'ok';
};

describe('purchase order under the row lock', () => {
  it('approve_by_consumer refuses an order whose file is missing, and passes once it is attached', async () => {
    const id = await pendingOrder();
    expect(await codeOf(() => t.db.transaction().execute((tx) => approveByConsumer(tx, staff, id)))).toBe(
      'order.purchase_order_required',
    );
    const file = { filename: 'po.pdf', data: Buffer.from('%PDF-1.4\n%%EOF\n') };
    await t.db.transaction().execute((tx) => updateOrderAttachment(tx, staff, id, file));
    await t.db.transaction().execute((tx) => deleteOrderAttachment(tx, staff, id));
    expect(await codeOf(() => t.db.transaction().execute((tx) => approveByConsumer(tx, staff, id)))).toBe(
      'order.purchase_order_required',
    );
    await t.db.transaction().execute((tx) => updateOrderAttachment(tx, staff, id, file));
    const detail = await t.db.transaction().execute((tx) => approveByConsumer(tx, staff, id));
    expect(detail).toBe('Order is pending provider approval.');
    const row = await t.db
      .selectFrom('order_attachments')
      .select(['size', 'sha256', 'file_name'])
      .where('order_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ size: file.data.length, file_name: 'po.pdf' });
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the file actions re-check the state and a second delete is a 404', async () => {
    const id = await pendingOrder();
    expect(await codeOf(() => t.db.transaction().execute((tx) => deleteOrderAttachment(tx, staff, id)))).toBe(
      'order.not_found',
    );
    await t.db.updateTable('orders').set({ state: 5 }).where('id', '=', id).execute();
    const file = { filename: 'po.pdf', data: Buffer.from('%PDF-1.4\n') };
    expect(
      await codeOf(() => t.db.transaction().execute((tx) => updateOrderAttachment(tx, staff, id, file))),
    ).toBe('order.invalid_state');
  });
});
