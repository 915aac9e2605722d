import type { PeriodicJob } from '../../../../platform/jobs/periodic.js';
import { deliverDueNotifications, type Mailer } from '../../app/deliver-notifications.js';
import { notifyEndingSoon } from '../../app/notify-ending.js';
import { remindWaitingApprovals } from '../../app/remind-approvers.js';
import { remindMissingUsages } from '../../app/remind-usages.js';

/** What the notification jobs need from the configuration. */
export interface NotificationJobOptions {
  /** Present when SMTP is configured; without it rows stay `pending` in the outbox. */
  mailer: Mailer | undefined;
  /** 0 disables reminders. */
  reminderAfterSeconds: number;
  reminderEveryMs: number;
  deliveryEveryMs: number;
  /** How often the ending-soon and usage-reminder jobs look (default hourly; 0 disables them). */
  resourceNoticesEveryMs?: number;
}

const HOURLY = 3_600_000;

/** The reminder job, the resource notice jobs, and the delivery job when a mailer is configured. */
export function notificationJobs(o: NotificationJobOptions): PeriodicJob[] {
  const jobs: PeriodicJob[] = [];
  if (o.reminderAfterSeconds > 0) {
    jobs.push({
      name: 'notifications.approval-reminders',
      everyMs: o.reminderEveryMs,
      run: (tx, now) => remindWaitingApprovals(tx, now, o.reminderAfterSeconds),
    });
  }
  const noticesEveryMs = o.resourceNoticesEveryMs ?? HOURLY;
  if (noticesEveryMs > 0) {
    // Once per (end date, notice) and per (provider, month): running more often sends nothing twice.
    jobs.push(
      {
        name: 'notifications.ending-soon',
        everyMs: noticesEveryMs,
        run: (tx, now) => notifyEndingSoon(tx, now),
      },
      {
        name: 'notifications.usage-reminders',
        everyMs: noticesEveryMs,
        run: (tx, now) => remindMissingUsages(tx, now),
      },
    );
  }
  const mailer = o.mailer;
  if (mailer) {
    jobs.push({
      name: 'notifications.delivery',
      everyMs: o.deliveryEveryMs,
      run: (tx, now) => deliverDueNotifications(tx, mailer, now),
    });
  }
  return jobs;
}
