import { sql } from 'kysely';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { ValidationError } from '../../../platform/errors.js';
import { EventType } from '../../audit/domain/event-types.js';
import { chargedWithinDays } from '../adapters/pg/recent-charges.js';
import { updateResourceRow } from '../adapters/pg/resource-repository.js';
import { type EndDateSetter, endDateOptions, endDateRefusal } from '../domain/end-date.js';
import { lockResource } from './lock-resource.js';
import { recordResourceEvent } from './resource-events.js';

/** Waldur: the provider may not end a resource charged within this many days. */
const RECENT_USE_DAYS = 90;
const RECENTLY_USED =
  'Service provider can not set end date of the resource which has been used for the last 90 days.';

/** The editable fields; `undefined` leaves a field as it is, a null end date clears it. */
export interface ResourceEdit {
  name?: string | undefined;
  description?: string | undefined;
  endDate?: string | null | undefined;
  /** Whose end-date rule applies (consumer: not in the past; provider/staff: 7 days' notice). */
  setter: EndDateSetter;
  reason?: string | undefined;
}

/**
 * PUT/PATCH of a resource and the `set_end_date*` actions: checks the end date against the setter's
 * rule and the offering's bounds (400 on `end_date`), writes the changed fields and records one
 * event per kind of change with the actor and reason (history is the event log).
 */
export async function updateResource(
  tx: Tx,
  actor: Actor,
  resourceId: number,
  edit: ResourceEdit,
): Promise<void> {
  const r = await lockResource(tx, resourceId);
  const changes: { name?: string; description?: string; end_date?: string | null } = {};
  if (edit.name !== undefined && edit.name !== r.row.name) changes.name = edit.name;
  if (edit.description !== undefined && edit.description !== r.row.description) {
    changes.description = edit.description;
  }
  if (edit.endDate !== undefined && edit.endDate !== r.row.end_date) {
    // Waldur's ResourceEndDateByProviderSerializer (provider and staff): checked before the notice.
    const byProvider = edit.setter !== 'consumer' && edit.endDate !== null;
    if (byProvider && (await chargedWithinDays(tx, r.row.id, RECENT_USE_DAYS))) {
      throw ValidationError.field('/body/end_date', RECENTLY_USED, 'resource.end_date_recently_used');
    }
    const offering = await tx
      .selectFrom('offerings')
      .select('plugin_options')
      .where('id', '=', r.row.offering_id)
      .executeTakeFirstOrThrow();
    const refusal = endDateRefusal(
      edit.setter,
      edit.endDate,
      new Date().toISOString().slice(0, 10),
      r.row.created.toISOString().slice(0, 10),
      endDateOptions(offering.plugin_options),
    );
    if (refusal) throw ValidationError.field('/body/end_date', refusal);
    changes.end_date = edit.endDate;
  }
  if (Object.keys(changes).length === 0) return;
  await updateResourceRow(tx, r.row.id, { ...changes, modified: sql<Date>`now()` });
  if (changes.name !== undefined || changes.description !== undefined) {
    await recordResourceEvent(tx, r, {
      type: EventType.RESOURCE_DETAILS_UPDATED,
      message: `Resource ${r.row.name} has been updated.`,
      actor,
      reason: edit.reason,
      context: {
        old_value: { name: r.row.name, description: r.row.description },
        new_value: {
          name: changes.name ?? r.row.name,
          description: changes.description ?? r.row.description,
        },
      },
    });
  }
  if (changes.end_date !== undefined) {
    await recordResourceEvent(tx, r, {
      type: EventType.RESOURCE_END_DATE_UPDATED,
      message: `End date of marketplace resource ${changes.name ?? r.row.name} has been updated. End date: ${changes.end_date ?? 'none'}. User: ${actor.username}.`,
      actor,
      reason: edit.reason,
      context: {
        field: 'end_date',
        setter: edit.setter,
        old_value: r.row.end_date,
        new_value: changes.end_date,
      },
    });
  }
}
