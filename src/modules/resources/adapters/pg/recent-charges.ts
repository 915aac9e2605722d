import { sql } from 'kysely';
import type { Tx } from '../../../../platform/db/database.js';
import { BILLED_STATES, RESOURCE_STATE_CODES } from '../../domain/resource-state.js';

/**
 * Whether a resource was charged in the last `days` days (Waldur: an invoice item of an invoice
 * created since). Orderly keeps no invoices, so this is the charge model of provider figures: a
 * billable offering, and either a usage with a non-zero price reported for a billing period that
 * began in the window, or a fixed component with a non-zero price while the resource was live
 * (provisioned, or terminated within the window; `modified` of a terminated resource is when).
 */
export async function chargedWithinDays(tx: Tx, resourceId: number, days: number): Promise<boolean> {
  const r = await sql<{ charged: boolean }>`
    SELECT EXISTS (
      SELECT 1 FROM resources r
      JOIN offerings o ON o.id = r.offering_id AND o.billable
      WHERE r.id = ${resourceId} AND (
        EXISTS (
          SELECT 1 FROM component_usages cu
          JOIN plan_components pc ON pc.plan_id = r.plan_id AND pc.component_id = cu.component_id
          WHERE cu.resource_id = r.id AND cu.billing_period > current_date - ${days}::int
            AND cu.usage * pc.price <> 0
        ) OR (
          (r.state IN (${sql.join(BILLED_STATES.map((s) => sql.lit(RESOURCE_STATE_CODES[s])))}) OR (r.state = ${sql.lit(RESOURCE_STATE_CODES.Terminated)} AND r.modified > now() - make_interval(days => ${days}::int)))
          AND EXISTS (
            SELECT 1 FROM plan_components pc
            JOIN offering_components oc ON oc.id = pc.component_id AND oc.billing_type = 'fixed'
            WHERE pc.plan_id = r.plan_id AND pc.amount * pc.price <> 0
          )
        )
      )
    ) AS charged`.execute(tx);
  return r.rows[0]?.charged === true;
}
