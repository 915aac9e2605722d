import nodemailer from 'nodemailer';
import type { Mailer } from '../../app/deliver-notifications.js';

/** A mailer over one SMTP URL, and a way to close its connections. */
export interface SmtpMailer extends Mailer {
  close(): void;
}

/**
 * Sends through the SMTP server of `url` (`smtp://user:pass@host:port`, or `smtps://` for implicit
 * TLS). Short timeouts: the delivery job holds its rows locked while it sends, so a dead server
 * must fail the attempt quickly instead of stalling the run.
 */
export function smtpMailer(url: string, from: string): SmtpMailer {
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close() {
      transport.close();
    },
  };
}
