/**
 * Order types (orders spec §1.2, [MMr] `class OrderTypes`). The API shows the label
 * (`"type": "Create"`); the database stores the code.
 */

/** Order types by Waldur constant name; values are the API labels. */
export const OrderType = {
  /** Provision a new resource; the Resource row is created with the order (§2.1, code 1). */
  CREATE: 'Create',
  /** Change plan, limits or options, or renew (§2.1 `order_subtype`, code 2). */
  UPDATE: 'Update',
  /** Terminate the resource; `attributes.action = "force_destroy"` forces it (§11.1, code 3). */
  TERMINATE: 'Terminate',
  /** Bring a Terminated resource back; new since [MM24] (§8 restore, code 4). */
  RESTORE: 'Restore',
} as const;

/** One order type, as its API label. */
export type OrderType = (typeof OrderType)[keyof typeof OrderType];

/** Database codes of order types. */
export const ORDER_TYPE_CODES = {
  Create: 1,
  Update: 2,
  Terminate: 3,
  Restore: 4,
} as const satisfies Record<OrderType, number>;

/** All order types in code order. */
export const ORDER_TYPES: readonly OrderType[] = Object.values(OrderType);

/** Whether a string is an order type label (API input). */
export function isOrderType(value: string): value is OrderType {
  return (ORDER_TYPES as readonly string[]).includes(value);
}

/** The database code of an order type. */
export function orderTypeToCode(type: OrderType): number {
  return ORDER_TYPE_CODES[type];
}

/** The order type of a database code; a bad code is a programming error, not user input. */
export function orderTypeFromCode(code: number): OrderType {
  const type = ORDER_TYPES.find((t) => ORDER_TYPE_CODES[t] === code);
  if (type === undefined) throw new RangeError(`Unknown order type code ${code}`);
  return type;
}
