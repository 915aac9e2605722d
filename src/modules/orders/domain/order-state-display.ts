/**
 * Human titles and descriptions of order states (orders spec §1.1 "UI label" and "Meaning"),
 * and the user guide's "Order lifecycle" table (seed 000) rendered from them.
 */
import type { OrderState } from './order-state.js';

/** How the UI names and explains one state. */
export interface OrderStateDisplay {
  /** Title shown in lists and badges. */
  readonly title: string;
  /** One-line meaning. */
  readonly description: string;
}

/** Title and meaning of every order state (§1.1, [UG], [HP]). */
export const ORDER_STATE_DISPLAY: Record<OrderState, OrderStateDisplay> = {
  'pending-consumer': { title: 'Pending consumer', description: 'Waiting for consumer approval' },
  'pending-provider': { title: 'Pending provider', description: 'Waiting for provider approval' },
  // HomePort says "Pending project start"; the guide's tables do not list this state.
  'pending-project': { title: 'Pending project start', description: "Waiting for the project's start date" },
  // HomePort renders "Scheduled to start on <date>"; seed 001 calls the state "Pending start date".
  'pending-start-date': {
    title: 'Pending start date',
    description: "Waiting for the order's own start date",
  },
  executing: { title: 'Executing', description: 'Resource provisioning in progress' },
  done: { title: 'Done', description: 'Order completed successfully' },
  erred: { title: 'Erred', description: 'Order failed with errors' },
  canceled: { title: 'Canceled', description: 'Order was canceled' },
  // The guide says "by provider", but the consumer can reject too (§1.1, §7.8); Orderly says so.
  rejected: { title: 'Rejected', description: 'Order was rejected by the provider or the consumer' },
};

/** The states the user guide's "Order lifecycle" table lists, in its order (seed 000). */
export const LIFECYCLE_TABLE_STATES: readonly OrderState[] = [
  'pending-consumer',
  'pending-provider',
  'executing',
  'done',
  'erred',
  'canceled',
  'rejected',
];

/** The title of a state. */
export function orderStateTitle(state: OrderState): string {
  return ORDER_STATE_DISPLAY[state].title;
}

/** "Pending consumer, Pending provider or Executing": state titles joined for messages. */
export function joinStateTitles(states: readonly OrderState[]): string {
  const titles = states.map(orderStateTitle);
  if (titles.length <= 1) return titles.join('');
  return `${titles.slice(0, -1).join(', ')} or ${titles[titles.length - 1]}`;
}

/** Rows `[title, description]` of the lifecycle table; defaults to the guide's states. */
export function renderLifecycleTable(states: readonly OrderState[] = LIFECYCLE_TABLE_STATES): string[][] {
  return states.map((s) => [ORDER_STATE_DISPLAY[s].title, ORDER_STATE_DISPLAY[s].description]);
}
