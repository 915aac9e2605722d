import type { NotificationKind } from '../../../platform/db/schema.js';

import { NOTIFICATION_KIND_DESCRIPTIONS } from './kind-descriptions.js';

// The description table and the database's kind column must list the same kinds (checked here).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const kindsMatch: Same<keyof typeof NOTIFICATION_KIND_DESCRIPTIONS, NotificationKind> = true;
void kindsMatch;

/** Every kind of e-mail Orderly sends, with who gets it (see kind-descriptions.ts). */
export const NOTIFICATION_KINDS: Readonly<Record<NotificationKind, string>> = NOTIFICATION_KIND_DESCRIPTIONS;

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
