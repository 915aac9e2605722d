/**
 * What the notification e-mails say, as pure functions of an order summary. Subjects stay ASCII
 * and short (mail clients list them); bodies are plain text with the facts an approver decides on.
 */

/** The order facts an e-mail shows. */
export interface OrderSummary {
  /** 32-hex order uuid. */
  readonly uuid: string;
  /** Order type label (Create, Update, Terminate, Restore). */
  readonly type: string;
  readonly resourceName: string;
  readonly offeringName: string;
  readonly providerName: string;
  readonly projectName: string;
  readonly customerName: string;
  /** Full name, else username, of the creator; empty when the user is gone. */
  readonly createdBy: string;
  readonly cost: string | null;
}

/** Which approvers an approval e-mail is for. */
export type ApprovalSide = 'consumer' | 'provider';

/** One rendered e-mail. */
export interface MessageText {
  readonly subject: string;
  readonly body: string;
}

const facts = (o: OrderSummary): string[] => [
  `Resource: ${o.resourceName || '(unnamed)'}`,
  `Order type: ${o.type}`,
  `Offering: ${o.offeringName} (provider ${o.providerName})`,
  `Project: ${o.projectName} (organization ${o.customerName})`,
  ...(o.cost === null ? [] : [`Estimated monthly cost: ${o.cost}`]),
  `Order: ${o.uuid}`,
];

const by = (o: OrderSummary) => (o.createdBy ? ` by ${o.createdBy}` : '');

/** "An order waits for you" (reminder: false) or "it still waits" (reminder: true). */
export function approvalMessage(side: ApprovalSide, o: OrderSummary, reminder: boolean): MessageText {
  const role = side === 'consumer' ? 'consumer' : 'provider';
  const subject = `${reminder ? 'Reminder: ' : ''}${o.type} order for ${o.resourceName || 'a resource'} is waiting for ${role} approval`;
  const lead = reminder
    ? `A ${o.type} order${by(o)} is still waiting for your approval as ${role}.`
    : `A ${o.type} order${by(o)} is waiting for your approval as ${role}.`;
  return {
    subject,
    body: [
      'Hello,',
      '',
      lead,
      '',
      ...facts(o),
      '',
      'Approve or reject it in Orderly (Orders, pending approval).',
    ].join('\n'),
  };
}

/** The provider wrote to the consumer on a pending-provider order (§7.18). */
export function providerMessageText(o: OrderSummary, message: string, url: string): MessageText {
  return {
    subject: `Message from ${o.providerName} about the order for ${o.resourceName || 'a resource'}`,
    body: [
      'Hello,',
      '',
      `${o.providerName} wrote about your ${o.type} order:`,
      '',
      message,
      ...(url ? ['', `Link: ${url}`] : []),
      '',
      ...facts(o),
      '',
      'You can reply from the order page in Orderly.',
    ].join('\n'),
  };
}

/** The consumer answered the provider on a pending-provider order (§7.19). */
export function consumerMessageText(o: OrderSummary, message: string): MessageText {
  return {
    subject: `Reply from ${o.customerName} about the order for ${o.resourceName || 'a resource'}`,
    body: [
      'Hello,',
      '',
      `${o.customerName} replied about the ${o.type} order:`,
      '',
      message,
      '',
      ...facts(o),
    ].join('\n'),
  };
}

/** Delivery attempts before a notification is marked failed. */
export const MAX_DELIVERY_ATTEMPTS = 6;

/** Seconds to wait before the next delivery attempt after `attempts` failures (30 s doubling, at most 1 h). */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempts - 1), 3600);
}
