import { z } from 'zod';
import { RESOURCE_STATES } from '../../../resources/domain/resource-state.js';
import { DRIFT_RULES } from '../../domain/drift-rules.js';

const states = z.enum(RESOURCE_STATES as [string, ...string[]]);
const rules = z.enum(DRIFT_RULES.map((r) => r.code) as [string, ...string[]]);

/** A resource's open drift finding: the rule that flags it and the repair the effect table implies. */
export const DriftOut = z
  .object({
    uuid: z.string(),
    rule: rules,
    title: z.string(),
    description: z.string(),
    expected_state: states.meta({ description: 'The state the repair sets (from RESOURCE_EFFECTS).' }),
    detected_at: z.string(),
  })
  .meta({ id: 'ResourceDrift' });

/** Body of `repair_drift`: the reason is required (recorded with the actor). */
export const RepairDriftIn = z.object({ reason: z.string().trim().min(1).max(2000) });

/** Answer of `repair_drift`. */
export const RepairDriftOut = z
  .object({ rule: rules, from_state: states, to_state: states })
  .meta({ id: 'ResourceDriftRepair' });
