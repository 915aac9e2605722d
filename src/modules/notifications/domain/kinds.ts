import type { NotificationKind } from '../../../platform/db/schema.js';

/**
 * Every kind of e-mail Orderly sends, with who gets it (Waldur's marketplace notifications and its
 * recipients). The per-user settings list these; a user may turn any of them off.
 */
export const NOTIFICATION_KINDS: Readonly<Record<NotificationKind, string>> = {
  approval_request: 'An order waits for your approval (consumer or provider approvers).',
  approval_reminder: 'An order still waits for your approval after the reminder delay.',
  provider_message:
    "The provider wrote about an order you may answer (the order's creator, consumer answerers).",
  consumer_message: 'The consumer answered about an order (provider approvers).',
  approval_escalation: 'An order waited past its approval SLA (provider owners, then staff).',
  approval_digest: 'The daily digest of orders waiting for your approval (provider approvers).',
  resource_create_succeeded: "A resource was created (the project's members).",
  resource_create_failed: "Creating a resource failed (the project's members).",
  resource_update_succeeded: "A resource was updated (the project's members).",
  resource_update_failed: "Updating a resource failed (the project's members).",
  resource_terminate_succeeded: "A resource was terminated (the project's members).",
  resource_terminate_failed: "Terminating a resource failed (the project's members).",
  resource_termination_scheduled:
    'A resource is scheduled for termination (project administrators and managers, and who asked).',
  resource_ending: "A resource's end date is 7 days or 1 day away (the project's members).",
  project_ending: "A project's end date is 7 days or 1 day away (project managers, organization owners).",
  usage_reminder: 'Resources you provide have no usage reported this month (provider organization owners).',
};

/** The kinds in a stable order (the settings list and the API enum). */
export const KIND_LIST = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];

/** Whether `s` names a notification kind. */
export function isNotificationKind(s: string): s is NotificationKind {
  return Object.hasOwn(NOTIFICATION_KINDS, s);
}

/** Which resource outcome kind an order's resource event family and outcome map to (none: no e-mail). */
export const OUTCOME_KINDS: Readonly<Record<string, NotificationKind>> = {
  create_succeeded: 'resource_create_succeeded',
  create_failed: 'resource_create_failed',
  update_succeeded: 'resource_update_succeeded',
  update_failed: 'resource_update_failed',
  terminate_succeeded: 'resource_terminate_succeeded',
  terminate_failed: 'resource_terminate_failed',
};

/** Days before an end date on which the ending-soon e-mails go out (Waldur: 7 and 1). */
export const ENDING_NOTICE_DAYS: readonly number[] = [7, 1];

/** Day of the month from which providers are reminded of missing usage reports (once a month). */
export const USAGE_REMINDER_FROM_DAY = 20;
