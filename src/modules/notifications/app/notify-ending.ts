import type { Tx } from '../../../platform/db/database.js';
import { RoleName } from '../../identity/domain/permissions.js';
import { resourceStateToCode } from '../../resources/domain/resource-state.js';
import {
  loadResourceSummary,
  mergeRecipients,
  scopeRoleHolders,
} from '../adapters/pg/resource-recipients.js';
import { ENDING_NOTICE_DAYS } from '../domain/kinds.js';
import { projectEndingMessage, resourceEndingMessage } from '../domain/resource-messages.js';
import { recordNotifications } from './record-notifications.js';

const LIVE = (['OK', 'Erred', 'Updating'] as const).map(resourceStateToCode);

/** `YYYY-MM-DD` of the UTC day `days` after `now`. */
function dayAfter(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The ending-soon e-mails (Waldur's `notification_about_resource_ending` / `_project_ending`), at
 * `now` (injected): live resources and projects whose end date is 7 or 1 days away. A resource's
 * e-mail goes to its project's members; a project's to its managers and its organization's owners.
 * Each (end date, notice) is announced once per recipient however often the job runs (no batch
 * limit: one exact day's end dates, and a cut-off batch would leave the rest unannounced). Returns
 * the rows written.
 */
export async function notifyEndingSoon(tx: Tx, now: Date): Promise<number> {
  let written = 0;
  for (const days of ENDING_NOTICE_DAYS) {
    const target = dayAfter(now, days);
    const resources = await tx
      .selectFrom('resources')
      .select(['id', 'end_date'])
      .where('end_date', '=', target)
      .where('state', 'in', LIVE)
      .orderBy('id')
      .execute();
    for (const r of resources) {
      const loaded = await loadResourceSummary(tx, r.id);
      if (!loaded) continue;
      written += await recordNotifications(
        tx,
        {
          kind: 'resource_ending',
          orderId: null,
          orderState: null,
          resourceId: r.id,
          projectId: loaded.ids.projectId,
          dedupeKey: `resource:${r.id}:${target}:${days}`,
        },
        await scopeRoleHolders(tx, { type: 'project', id: loaded.ids.projectId }),
        resourceEndingMessage(loaded.summary, target, days),
      );
    }
    const projects = await tx
      .selectFrom('projects as p')
      .innerJoin('customers as c', 'c.id', 'p.customer_id')
      .select(['p.id', 'p.uuid', 'p.name', 'p.customer_id', 'c.name as customer_name'])
      .where('p.end_date', '=', target)
      .where('p.removed_at', 'is', null)
      .orderBy('p.id')
      .execute();
    for (const p of projects) {
      const to = mergeRecipients(
        await scopeRoleHolders(tx, { type: 'project', id: p.id }, [RoleName.PROJECT_MANAGER]),
        await scopeRoleHolders(tx, { type: 'customer', id: p.customer_id }, [RoleName.CUSTOMER_OWNER]),
      );
      written += await recordNotifications(
        tx,
        {
          kind: 'project_ending',
          orderId: null,
          orderState: null,
          projectId: p.id,
          dedupeKey: `project:${p.id}:${target}:${days}`,
        },
        to,
        projectEndingMessage(
          { name: p.name, customerName: p.customer_name, uuid: p.uuid.replace(/-/g, '') },
          target,
          days,
        ),
      );
    }
  }
  return written;
}
