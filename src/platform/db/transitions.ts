/** A state move as a marketplace history table (`order_transitions`, `resource_transitions`) records it. */
export interface StateMove {
  from: number;
  to: number;
  action: string;
  actorId: number | null;
  reason: string;
  /** False for a refused transition (recorded too, G5). */
  isValid?: boolean;
}

/** The columns of a move that every `*_transitions` row holds (the owner adds its ids and `previous_id`). */
export function moveColumns(m: StateMove) {
  return {
    from_state: m.from,
    to_state: m.to,
    action: m.action,
    actor_id: m.actorId,
    reason: m.reason,
    is_valid: m.isValid ?? true,
  };
}
