import { type Kysely, sql } from 'kysely';

/**
 * Resource notifications (Waldur's marketplace e-mails about resources): outcome, termination
 * scheduled, resource/project ending soon and usage reminders. A row may name a resource and a
 * project; `dedupe_key` makes the periodic kinds once per (key, recipient). Users may turn each
 * kind off (`user_notification_opt_outs`: a row per kind turned off; no row means on).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE notifications
      ADD COLUMN resource_id bigint REFERENCES resources(id) ON DELETE SET NULL,
      ADD COLUMN project_id bigint REFERENCES projects(id) ON DELETE SET NULL,
      ADD COLUMN dedupe_key text;
    CREATE INDEX notifications_resource ON notifications (resource_id, id) WHERE resource_id IS NOT NULL;
    CREATE UNIQUE INDEX notifications_once ON notifications (kind, dedupe_key, coalesce(recipient_id, 0))
      WHERE dedupe_key IS NOT NULL;
    ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
    ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('approval_request',
      'approval_reminder', 'provider_message', 'consumer_message', 'approval_escalation', 'approval_digest',
      'resource_create_succeeded', 'resource_create_failed', 'resource_update_succeeded',
      'resource_update_failed', 'resource_terminate_succeeded', 'resource_terminate_failed',
      'resource_termination_scheduled', 'resource_ending', 'project_ending', 'usage_reminder'));
    CREATE TABLE user_notification_opt_outs (
      user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      kind text NOT NULL,
      created timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, kind)
    );
  `.execute(db);
}
