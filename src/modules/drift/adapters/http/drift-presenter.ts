import { hex } from '../../../../platform/http/ids.js';
import { resourceStateFromCode } from '../../../resources/domain/resource-state.js';
import { driftRule } from '../../domain/drift-rules.js';

/** The open finding as the resource query selects it (`json_build_object`, see resource-query). */
export interface DriftJson {
  uuid: string;
  rule: string;
  expected_state: number;
  detected_at: string;
}

/** The `drift` field of a resource: null when it has no open finding. */
export function presentDrift(d: DriftJson | null) {
  if (!d) return null;
  const rule = driftRule(d.rule);
  return {
    uuid: hex(d.uuid),
    rule: d.rule,
    title: rule?.title ?? d.rule,
    description: rule?.description ?? '',
    expected_state: resourceStateFromCode(d.expected_state),
    detected_at: new Date(d.detected_at).toISOString(),
  };
}
