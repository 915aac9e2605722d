import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Id, Timestamp, Uuid } from './schema-columns.js';

/** Tables of migration 0005 (auto-approval rules, notification outbox, component usages). */

type Numeric = ColumnType<string, string | number, string | number>;

/** `project_order_auto_approvals` row: at most one rule per project (orders spec §2.3). */
export interface ProjectOrderAutoApprovalsTable {
  id: Id;
  uuid: Uuid;
  project_id: number;
  monthly_cost_limit: Numeric;
  enabled: Generated<boolean>;
  created_by: number | null;
  modified_by: number | null;
  created: CreatedAt;
  modified: Timestamp;
}

/** Why a notification was written. */
export type NotificationKind =
  | 'approval_request'
  | 'approval_reminder'
  | 'provider_message'
  | 'consumer_message'
  | 'approval_escalation'
  | 'approval_digest'
  | 'resource_create_succeeded'
  | 'resource_create_failed'
  | 'resource_update_succeeded'
  | 'resource_update_failed'
  | 'resource_terminate_succeeded'
  | 'resource_terminate_failed'
  | 'resource_termination_scheduled'
  | 'resource_ending'
  | 'project_ending'
  | 'usage_reminder';
/** Delivery state of one notification. */
export type NotificationState = 'pending' | 'sent' | 'failed' | 'skipped';

/** `notifications` row: one e-mail to one recipient, recorded whether or not SMTP is configured. */
export interface NotificationsTable {
  id: Id;
  uuid: Uuid;
  kind: NotificationKind;
  order_id: number | null;
  order_state: number | null;
  recipient_id: number | null;
  recipient_email: Generated<string>;
  subject: string;
  body: string;
  state: Generated<NotificationState>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: Generated<string>;
  sent_at: Date | null;
  created: CreatedAt;
  /** The resource / project a resource notification is about (migration 0018). */
  resource_id: Generated<number | null>;
  project_id: Generated<number | null>;
  /** Makes a periodic notification once per (kind, key, recipient). */
  dedupe_key: Generated<string | null>;
}

/** `user_notification_opt_outs` row: one kind of e-mail a user turned off (migration 0018). */
export interface UserNotificationOptOutsTable {
  user_id: number;
  kind: NotificationKind;
  created: CreatedAt;
}

/** `component_usages` row: the usage of one component of one resource in one billing month. */
export interface ComponentUsagesTable {
  id: Id;
  uuid: Uuid;
  resource_id: number;
  component_id: number;
  billing_period: string;
  date: Date | string;
  usage: Numeric;
  description: Generated<string>;
  recurring: Generated<boolean>;
  modified_by: number | null;
  created: CreatedAt;
  modified: Timestamp;
}
