import { sql } from 'kysely';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { ValidationError } from '../../../platform/errors.js';
import { EventType } from '../../audit/domain/event-types.js';
import { authorize } from '../../identity/app/access.js';
import { Permission } from '../../identity/domain/permissions.js';
import { offeringComponents } from '../../offerings/app/catalogue.js';
import { formatDecimal, parseDecimal } from '../../offerings/domain/decimal.js';
import { updateResourceRow, upsertComponentUsage } from '../adapters/pg/resource-repository.js';
import { lockResource } from './lock-resource.js';
import { recordResourceEvent } from './resource-events.js';

/** One reported amount (`ComponentUsageItemRequest`). */
export interface UsageItem {
  type: string;
  /** Non-negative decimal string. */
  amount: string;
  description?: string | undefined;
  recurring?: boolean | undefined;
}

/** The billing month of a moment: the first day of its UTC month. */
export function billingPeriodOf(date: Date): string {
  return `${date.toISOString().slice(0, 7)}-01`;
}

/**
 * `POST /api/marketplace-component-usages/set_usage/` (orders spec §13, report loop): the provider
 * (usually the site agent) reports each component's usage of the resource for the month of `date`.
 * RESOURCE.SET_USAGE on the offering or its organization (403); a Terminated resource or a type the
 * offering does not have is a 400. A report replaces that month's value for the component, and
 * `current_usages` shows the latest amounts.
 */
export async function setUsage(
  tx: Tx,
  actor: Actor,
  resourceId: number,
  input: { usages: UsageItem[]; date: Date },
): Promise<void> {
  const r = await lockResource(tx, resourceId);
  await authorize(tx, actor, Permission.RESOURCE_SET_USAGE, [
    { type: 'offering', id: r.row.offering_id },
    { type: 'customer', id: r.providerCustomerId },
  ]);
  if (r.state === 'Terminated')
    throw new ValidationError(
      'Usage cannot be reported for a terminated resource.',
      [],
      'usage.resource_terminated',
    );
  const components = new Map((await offeringComponents(tx, r.row.offering_id)).map((c) => [c.type, c.id]));
  const errors = input.usages
    .map((u, i) => ({ u, i }))
    .filter(({ u }) => !components.has(u.type))
    .map(({ u, i }) => ({
      pointer: `/body/usages/${i}/type`,
      detail: `${u.type} is not a component of this offering.`,
    }));
  if (errors.length) throw new ValidationError('Invalid usages.', errors, 'usage.unknown_component');
  const period = billingPeriodOf(input.date);
  const current: Record<string, unknown> = { ...r.row.current_usages };
  for (const u of input.usages) {
    await upsertComponentUsage(tx, {
      resource_id: r.row.id,
      component_id: components.get(u.type) ?? 0,
      billing_period: period,
      date: input.date,
      usage: u.amount,
      description: u.description ?? '',
      recurring: u.recurring ?? false,
      modified_by: actor.id,
    });
    current[u.type] = Number(formatDecimal(parseDecimal(u.amount)));
  }
  await updateResourceRow(tx, r.row.id, { current_usages: current, modified: sql<Date>`now()` });
  await recordResourceEvent(tx, r, {
    type: EventType.RESOURCE_BACKEND_UPDATED,
    message: `Usage of resource ${r.row.name} has been reported for ${period.slice(0, 7)}.`,
    actor,
    context: { field: 'usages', billing_period: period, usages: input.usages },
  });
}
