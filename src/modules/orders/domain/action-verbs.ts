import type { OrderState } from './order-state.js';

/**
 * Orderly's verb for each action or system task that moves an order. Waldur's event messages keep
 * their own verb per state entered (a retry "has been approved", a cancel "has been terminated");
 * events also carry this one, so a history can say who did what.
 */
const ACTION_VERBS: Record<string, string> = {
  create: 'submitted',
  auto_approve: 'auto-approved',
  approve_by_consumer: 'approved by the consumer',
  approve_by_provider: 'approved by the provider',
  reject_by_consumer: 'rejected by the consumer',
  reject_by_provider: 'rejected by the provider',
  cancel: 'canceled',
  retry: 'retried',
  set_state_executing: 'marked as executing',
  set_state_done: 'marked as done',
  set_state_erred: 'marked as erred',
  cancel_termination: 'termination canceled',
  terminate_resource: 'canceled (resource terminated)',
  project_started: 'started (project start date reached)',
  start_date_reached: 'started (start date reached)',
  process: 'completed by the processor',
  processing_failed: 'failed in processing',
  no_processor: 'failed (no processor)',
  timed_out: 'timed out',
};

const STATE_VERBS: Partial<Record<OrderState, string>> = {
  executing: 'started executing',
  done: 'completed',
  erred: 'failed',
  canceled: 'canceled',
  rejected: 'rejected',
};

/** The verb of an order action, e.g. `retry` → "retried"; unknown tasks fall back to the state entered. */
export function orderActionVerb(action: string, to: OrderState): string {
  return ACTION_VERBS[action] ?? STATE_VERBS[to] ?? `moved to ${to}`;
}
