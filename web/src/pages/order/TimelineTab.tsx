import type { Order } from '../../api/types.js';
import { EventHistory } from './EventHistory.js';

/** The order's audit events, oldest first: who did what, when, and why. */
export function TimelineTab({ order }: { order: Order }) {
  return <EventHistory scope={{ order_uuid: order.uuid }} label="Events, oldest first" />;
}
