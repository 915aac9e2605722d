import { sql } from 'kysely';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { isUniqueViolation } from '../../../platform/db/pg-errors.js';
import { ValidationError } from '../../../platform/errors.js';
import { authorize, consumerCustomer } from '../../identity/app/access.js';
import { Permission } from '../../identity/domain/permissions.js';
import { deleteRuleRow, insertRule, updateRuleRow } from '../adapters/pg/order-repository.js';

/** The project a rule belongs to, as the permission check needs it. */
export interface RuleProject {
  id: number;
  customer_id: number;
}

/** Writes need ORDER.APPROVE on the project or its organization (orders spec §2.3); staff pass. */
export function authorizeRuleWrite(tx: Tx, actor: Actor, p: RuleProject): Promise<void> {
  return authorize(tx, actor, Permission.ORDER_APPROVE, [
    { type: 'project', id: p.id },
    consumerCustomer(p.customer_id),
  ]);
}

/** Creates the project's rule (one per project: a second is a 400). Returns the new uuid. */
export async function createRule(
  tx: Tx,
  actor: Actor,
  p: RuleProject,
  input: { monthlyCostLimit: string; enabled: boolean },
): Promise<string> {
  await authorizeRuleWrite(tx, actor, p);
  try {
    return await insertRule(tx, {
      project_id: p.id,
      monthly_cost_limit: input.monthlyCostLimit,
      enabled: input.enabled,
      created_by: actor.id,
      modified_by: actor.id,
    });
  } catch (err) {
    if (isUniqueViolation(err, 'project_order_auto_approvals_project_id_key'))
      throw ValidationError.field(
        '/body/project',
        'This project already has an auto-approval rule.',
        'auto_approval.duplicate',
      );
    throw err;
  }
}

/** Changes the limit or the switch of a rule (after {@link authorizeRuleWrite}); the editor is recorded. */
export async function updateRule(
  tx: Tx,
  actor: Actor,
  ruleId: number,
  changes: { monthlyCostLimit?: string | undefined; enabled?: boolean | undefined },
): Promise<void> {
  await updateRuleRow(tx, ruleId, {
    ...(changes.monthlyCostLimit === undefined ? {} : { monthly_cost_limit: changes.monthlyCostLimit }),
    ...(changes.enabled === undefined ? {} : { enabled: changes.enabled }),
    modified_by: actor.id,
    modified: sql<Date>`now()`,
  });
}

/** Deletes a rule; orders it approved keep their cost-limit snapshot (the link becomes null). */
export async function deleteRule(tx: Tx, ruleId: number): Promise<void> {
  await deleteRuleRow(tx, ruleId);
}
