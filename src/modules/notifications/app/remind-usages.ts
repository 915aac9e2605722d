import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/database.js';
import { RoleName } from '../../identity/domain/permissions.js';
import { resourceStateToCode } from '../../resources/domain/resource-state.js';
import { scopeRoleHolders } from '../adapters/pg/resource-recipients.js';
import { USAGE_REMINDER_FROM_DAY } from '../domain/kinds.js';
import { type MissingUsage, usageReminderMessage } from '../domain/resource-messages.js';
import { recordNotifications } from './record-notifications.js';

const LIVE = (['OK', 'Updating'] as const).map(resourceStateToCode);

/**
 * Usage reminders (Waldur's `notification_usages`), at `now` (injected): from day
 * {@link USAGE_REMINDER_FROM_DAY} of a month, the owners of each provider organization with live
 * resources of usage-billed offerings and no usage reported for the month get one e-mail listing
 * them, once per month. Returns the rows written.
 */
export async function remindMissingUsages(tx: Tx, now: Date): Promise<number> {
  if (now.getUTCDate() < USAGE_REMINDER_FROM_DAY) return 0;
  const month = now.toISOString().slice(0, 7);
  const period = `${month}-01`;
  const missing = await tx
    .selectFrom('resources as r')
    .innerJoin('offerings as f', 'f.id', 'r.offering_id')
    .select(['f.customer_id', 'f.id as offering_id', 'f.name as offering_name', 'r.name'])
    .where('r.state', 'in', LIVE)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('offering_components as oc')
          .select('oc.id')
          .whereRef('oc.offering_id', '=', 'f.id')
          .where('oc.billing_type', '=', 'usage'),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('component_usages as cu')
            .select('cu.id')
            .whereRef('cu.resource_id', '=', 'r.id')
            .where('cu.billing_period', '=', sql<string>`${period}::date`),
        ),
      ),
    )
    .orderBy('f.customer_id')
    .orderBy('f.id')
    .orderBy('r.id')
    .execute();
  const byProvider = new Map<number, Map<number, MissingUsage & { resourceNames: string[] }>>();
  for (const m of missing) {
    const offerings = byProvider.get(m.customer_id) ?? new Map();
    byProvider.set(m.customer_id, offerings);
    const o = offerings.get(m.offering_id) ?? { offeringName: m.offering_name, resourceNames: [] };
    offerings.set(m.offering_id, o);
    o.resourceNames.push(m.name);
  }
  let written = 0;
  for (const [customerId, offerings] of byProvider) {
    written += await recordNotifications(
      tx,
      {
        kind: 'usage_reminder',
        orderId: null,
        orderState: null,
        dedupeKey: `usage:${customerId}:${month}`,
      },
      await scopeRoleHolders(tx, { type: 'customer', id: customerId }, [RoleName.CUSTOMER_OWNER]),
      usageReminderMessage(month, [...offerings.values()]),
    );
  }
  return written;
}
