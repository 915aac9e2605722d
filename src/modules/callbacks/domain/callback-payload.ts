/** Header naming what a callback request carries. */
export const CALLBACK_EVENT_HEADER = 'Orderly-Event';
/** Header with the callback's own id: the same on every attempt, so receivers can drop repeats. */
export const CALLBACK_DELIVERY_HEADER = 'Orderly-Delivery';
/** Value of {@link CALLBACK_EVENT_HEADER}. */
export const ORDER_STATE_CHANGED = 'marketplace_order_state_changed';

/** One state change of an order, as the orders module reports it. */
export interface OrderStateChange {
  orderId: number;
  /** The order's `callback_url`; nothing is sent without one. */
  callbackUrl: string | null;
  orderUuid: string;
  type: string;
  /** null when the order was just created. */
  fromState: string | null;
  state: string;
  resourceUuid: string;
  backendId: string;
  errorMessage: string;
}

/** The JSON body POSTed to the callback URL: the order's state after one change. */
export interface CallbackPayload {
  [key: string]: string | null;
  order_uuid: string;
  type: string;
  state: string;
  previous_state: string | null;
  marketplace_resource_uuid: string;
  backend_id: string;
  error_message: string;
  changed_at: string;
}

const hex = (uuid: string) => uuid.replace(/-/g, '');

/**
 * Waldur POSTs an empty body and lets the receiver pull the order; Orderly also sends the state
 * itself (a receiver that pulls is unaffected), frozen at the change so a late retry tells no lies.
 */
export function callbackPayload(c: OrderStateChange, at: Date): CallbackPayload {
  return {
    order_uuid: hex(c.orderUuid),
    type: c.type,
    state: c.state,
    previous_state: c.fromState,
    marketplace_resource_uuid: hex(c.resourceUuid),
    backend_id: c.backendId,
    error_message: c.errorMessage,
    changed_at: at.toISOString(),
  };
}
