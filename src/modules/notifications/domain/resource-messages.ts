import type { MessageText } from './messages.js';

/**
 * What the resource e-mails say, as pure functions of a resource summary (Waldur's marketplace
 * resource templates, in Orderly's words). Subjects ASCII and short; bodies plain text.
 */

/** The resource facts an e-mail shows. */
export interface ResourceSummary {
  /** 32-hex resource uuid. */
  readonly uuid: string;
  readonly name: string;
  readonly offeringName: string;
  readonly providerName: string;
  readonly projectName: string;
  readonly customerName: string;
}

/** One resource outcome: order family and how it ended. */
export interface ResourceOutcome {
  readonly family: 'create' | 'update' | 'terminate';
  readonly outcome: 'succeeded' | 'failed';
  readonly error: string;
}

const named = (r: ResourceSummary) => r.name || 'a resource';
const facts = (r: ResourceSummary): string[] => [
  `Resource: ${named(r)}`,
  `Offering: ${r.offeringName} (provider ${r.providerName})`,
  `Project: ${r.projectName} (organization ${r.customerName})`,
  `Resource id: ${r.uuid}`,
];
const mail = (subject: string, lead: string[], r: ResourceSummary, tail: string[] = []): MessageText => ({
  subject,
  body: ['Hello,', '', ...lead, '', ...facts(r), ...(tail.length ? ['', ...tail] : [])].join('\n'),
});

const PAST: Record<ResourceOutcome['family'], string> = {
  create: 'created',
  update: 'updated',
  terminate: 'terminated',
};
const NOUN: Record<ResourceOutcome['family'], string> = {
  create: 'Creation',
  update: 'Update',
  terminate: 'Termination',
};

/** A Create/Update/Terminate of a resource succeeded or failed. */
export function resourceOutcomeMessage(r: ResourceSummary, o: ResourceOutcome): MessageText {
  if (o.outcome === 'succeeded')
    return mail(
      `Resource ${named(r)} has been ${PAST[o.family]}`,
      [`Resource ${named(r)} has been ${PAST[o.family]} successfully.`],
      r,
    );
  return mail(
    `${NOUN[o.family]} of resource ${named(r)} has failed`,
    [`${NOUN[o.family]} of resource ${named(r)} has failed.`, ...(o.error ? ['', `Error: ${o.error}`] : [])],
    r,
  );
}

/** Someone asked to terminate a resource (`byStaff`: a staff member did). */
export function terminationScheduledMessage(r: ResourceSummary, by: string, byStaff: boolean): MessageText {
  const who = byStaff ? `Staff member ${by}` : by || 'A user';
  return mail(
    `Resource ${named(r)} termination has been scheduled`,
    [`${who} has scheduled the termination of resource ${named(r)}.`],
    r,
  );
}

/** A resource's end date is near: it will be terminated on that date. */
export function resourceEndingMessage(r: ResourceSummary, endDate: string, days: number): MessageText {
  const when = days === 1 ? 'tomorrow' : `in ${days} days`;
  return mail(
    `Resource ${named(r)} will end ${when}`,
    [`Resource ${named(r)} reaches its end date ${endDate} ${when} and will then be terminated.`],
    r,
    ['To keep it, change its end date in Orderly.'],
  );
}

/** A project's end date is near. */
export function projectEndingMessage(
  p: { name: string; customerName: string; uuid: string },
  endDate: string,
  days: number,
): MessageText {
  const when = days === 1 ? 'tomorrow' : `in ${days} days`;
  return {
    subject: `Project ${p.name} will end ${when}`,
    body: [
      'Hello,',
      '',
      `Project ${p.name} (organization ${p.customerName}) reaches its end date ${endDate} ${when}.`,
      'Its resources will then be terminated.',
      '',
      `Project id: ${p.uuid}`,
    ].join('\n'),
  };
}

/** The resources of one offering lacking a usage report. */
export interface MissingUsage {
  readonly offeringName: string;
  readonly resourceNames: readonly string[];
}

/** The provider has resources of usage-billed offerings with no usage reported this month. */
export function usageReminderMessage(period: string, offerings: readonly MissingUsage[]): MessageText {
  return {
    subject: 'Reminder about missing usage reports',
    body: [
      'Hello,',
      '',
      `Please do not forget to report usage for ${period} of the resources you provide:`,
      '',
      ...offerings.flatMap((o, i) => [
        `${i + 1}. ${o.offeringName}:`,
        ...o.resourceNames.map((n) => `    - ${n || '(unnamed)'}`),
      ]),
      '',
      'You can report usage through the API or in Orderly (provider resources).',
    ].join('\n'),
  };
}
