import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Id, StateTransitionColumns, Timestamp, Uuid } from './schema-columns.js';

/** Marketplace tables (migration 0002) as Kysely sees them. */

/** A jsonb object column: read as an object, written as an object or its JSON text. */
export type JsonObject = ColumnType<
  Record<string, unknown>,
  Record<string, unknown> | string | undefined,
  Record<string, unknown> | string
>;
/** A jsonb array column: write `JSON.stringify(array)` (pg would send a JS array as a PostgreSQL array). */
export type JsonArray = ColumnType<unknown[], string | undefined, string>;
/** numeric(22,10): pg returns a decimal string. */
/** numeric column. */
type Numeric = ColumnType<string, string | number | undefined, string | number>;
type NullableNumeric = ColumnType<string | null, string | number | null | undefined, string | number | null>;

/** `offering_categories` row. */
export interface OfferingCategoriesTable {
  id: Id;
  uuid: Uuid;
  title: string;
  description: Generated<string>;
  created: CreatedAt;
}

/** `offerings` row; `state` is the numeric code (1 Draft … 5 Unavailable). */
export interface OfferingsTable {
  id: Id;
  uuid: Uuid;
  customer_id: number;
  category_id: number;
  name: string;
  slug: string;
  description: Generated<string>;
  type: string;
  state: Generated<number>;
  shared: Generated<boolean>;
  billable: Generated<boolean>;
  plugin_options: JsonObject;
  secret_options: JsonObject;
  options: JsonObject;
  resource_options: JsonObject;
  backend_id: Generated<string>;
  paused_reason: Generated<string>;
  /** Category attributes (Waldur `Offering.attributes`), set by `update_attributes`. */
  attributes: JsonObject;
  latitude: number | null;
  longitude: number | null;
  full_description: Generated<string>;
  privacy_policy_link: Generated<string>;
  helpdesk_url: Generated<string>;
  documentation_url: Generated<string>;
  access_url: Generated<string>;
  getting_started: Generated<string>;
  integration_guide: Generated<string>;
  created: CreatedAt;
  modified: Timestamp;
}

/** `offering_thumbnails` row: an offering's picture (migration 0014). */
export interface OfferingThumbnailsTable {
  offering_id: number;
  content_type: string;
  data: Buffer;
  sha256: string;
  modified: Timestamp;
}

/** `offering_components` row. */
export interface OfferingComponentsTable {
  id: Id;
  uuid: Uuid;
  offering_id: number;
  type: string;
  name: string;
  description: Generated<string>;
  billing_type: 'limit' | 'usage' | 'fixed' | 'one' | 'few';
  measured_unit: Generated<string>;
  limit_period: 'month' | 'annual' | 'total' | 'quarterly' | null;
  limit_amount: number | null;
  min_value: number | null;
  max_value: number | null;
  max_available_limit: number | null;
  is_prepaid: Generated<boolean>;
}

/** `plans` row. */
export interface PlansTable {
  id: Id;
  uuid: Uuid;
  offering_id: number;
  name: string;
  description: Generated<string>;
  unit: Generated<string>;
  unit_price: Numeric;
  max_amount: number | null;
  archived: Generated<boolean>;
  article_code: Generated<string>;
  backend_id: Generated<string>;
  created: CreatedAt;
}

/** `plan_components` row: a component's price (and fixed amount) in a plan. */
export interface PlanComponentsTable {
  plan_id: number;
  component_id: number;
  amount: Numeric;
  price: Numeric;
  /** Price from the next billing month on (set while resources use the plan). */
  future_price: ColumnType<string | null, string | null | undefined, string | null>;
  /** When `future_price` becomes the price (the first day of the next month when it was set). */
  future_price_from: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** `resources` row; `state` is the numeric code (1 Creating … 6 Terminated). */
export interface ResourcesTable {
  id: Id;
  uuid: Uuid;
  offering_id: number;
  project_id: number;
  plan_id: number | null;
  name: Generated<string>;
  slug: Generated<string>;
  description: Generated<string>;
  state: Generated<number>;
  backend_id: Generated<string>;
  effective_id: Generated<string>;
  attributes: JsonObject;
  limits: JsonObject;
  options: JsonObject;
  backend_metadata: JsonObject;
  current_usages: JsonObject;
  endpoints: JsonArray;
  end_date: string | null;
  error_message: Generated<string>;
  error_traceback: Generated<string>;
  /** Set on creation (default now()) and by the agent's refresh_last_sync; never null. */
  last_sync: Timestamp;
  paused: Generated<boolean>;
  downscaled: Generated<boolean>;
  restrict_member_access: Generated<boolean>;
  cost: NullableNumeric;
  created: CreatedAt;
  modified: Timestamp;
}

/** `orders` row; `state` and `type` are numeric codes (orders spec §1.1, §1.2). */
export interface OrdersTable {
  id: Id;
  uuid: Uuid;
  resource_id: number;
  offering_id: number;
  project_id: number;
  plan_id: number | null;
  old_plan_id: number | null;
  type: number;
  state: Generated<number>;
  attributes: JsonObject;
  limits: JsonObject;
  cost: NullableNumeric;
  slug: Generated<string>;
  backend_id: Generated<string>;
  error_message: Generated<string>;
  error_traceback: Generated<string>;
  error_updated_at: Date | null;
  output: Generated<string>;
  output_updated_at: Date | null;
  created_by: number | null;
  consumer_reviewed_by: number | null;
  consumer_reviewed_at: Date | null;
  provider_reviewed_by: number | null;
  provider_reviewed_at: Date | null;
  consumer_rejection_comment: Generated<string>;
  provider_rejection_comment: Generated<string>;
  termination_comment: Generated<string>;
  request_comment: Generated<string>;
  callback_url: string | null;
  start_date: string | null;
  completed_at: Date | null;
  provider_message: Generated<string>;
  provider_message_url: Generated<string>;
  provider_message_updated_at: Date | null;
  consumer_message: Generated<string>;
  consumer_message_updated_at: Date | null;
  auto_approved_cost_limit_snapshot: NullableNumeric;
  /** The project rule that approved the order (migration 0005); null when a person approved it. */
  auto_approved_by_rule_id: number | null;
  attempt_count: Generated<number>;
  created: CreatedAt;
  modified: Timestamp;
}

/** `order_attempts` row: one processing run of an order. */
export interface OrderAttemptsTable {
  id: Id;
  uuid: Uuid;
  order_id: number;
  attempt_number: number;
  trigger: string;
  started_at: Generated<Date>;
  started_by: number | null;
  finished_at: Date | null;
  outcome: Generated<'running' | 'done' | 'erred' | 'canceled'>;
  error_message: Generated<string>;
  error_traceback: Generated<string>;
  resource_error_message: Generated<string>;
  resource_error_traceback: Generated<string>;
  output: Generated<string>;
}

/** `order_transitions` row (append-only). */
export interface OrderTransitionsTable extends StateTransitionColumns {
  order_id: number;
}

/** `resource_transitions` row (append-only). */
export interface ResourceTransitionsTable extends StateTransitionColumns {
  resource_id: number;
  order_id: number | null;
}

/** `events` row: the audit log and outbox. */
export interface EventsTable {
  id: Id;
  uuid: Uuid;
  event_type: string;
  level: Generated<'info' | 'warning' | 'error'>;
  message: string;
  actor_id: number | null;
  reason: Generated<string>;
  context: JsonObject;
  order_id: number | null;
  resource_id: number | null;
  project_id: number | null;
  customer_id: number | null;
  offering_id: number | null;
  provider_customer_id: number | null;
  tenant_id: number | null;
  created: CreatedAt;
}

/** `idempotency_keys` row. */
export interface IdempotencyKeysTable {
  user_id: number;
  key: string;
  method: string;
  path: string;
  request_hash: Buffer;
  status: number;
  response: ColumnType<unknown, string | null, string | null>;
  created: CreatedAt;
}
