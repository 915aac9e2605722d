import type { PeriodicJob } from '../../../../platform/jobs/periodic.js';
import { deliverDueNotifications, type Mailer } from '../../app/deliver-notifications.js';
import { remindWaitingApprovals } from '../../app/remind-approvers.js';

/** What the notification jobs need from the configuration. */
export interface NotificationJobOptions {
  /** Present when SMTP is configured; without it rows stay `pending` in the outbox. */
  mailer: Mailer | undefined;
  /** 0 disables reminders. */
  reminderAfterSeconds: number;
  reminderEveryMs: number;
  deliveryEveryMs: number;
}

/** The reminder job, and the delivery job when a mailer is configured. */
export function notificationJobs(o: NotificationJobOptions): PeriodicJob[] {
  const jobs: PeriodicJob[] = [];
  if (o.reminderAfterSeconds > 0) {
    jobs.push({
      name: 'notifications.approval-reminders',
      everyMs: o.reminderEveryMs,
      run: (tx, now) => remindWaitingApprovals(tx, now, o.reminderAfterSeconds),
    });
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
