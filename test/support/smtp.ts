import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import { notificationJobs } from '../../src/modules/notifications/adapters/jobs/notification-jobs.js';
import { smtpMailer } from '../../src/modules/notifications/adapters/smtp/smtp-mailer.js';
import type { Db } from '../../src/platform/db/database.js';
import { startSchedule } from '../../src/platform/jobs/periodic.js';

/** One e-mail as the SMTP server received it, decoded. */
export interface ReceivedMail {
  from: string;
  /** Envelope recipients. */
  to: string[];
  subject: string;
  text: string;
}

/** A real SMTP server on a random loopback port that keeps what it receives. */
export interface TestSmtp {
  url: string;
  mails: ReceivedMail[];
  /** Recipients whose RCPT TO the server refuses with 550 (to test failed deliveries). */
  refuse: Set<string>;
  /** Runs the delivery job once (the same job workers run) through this server. */
  deliver(db: Db, now?: Date): Promise<number>;
  /** Removes and returns the mails received so far. */
  take(): ReceivedMail[];
  close(): Promise<void>;
}

/** Unfolds headers and decodes RFC 2047 encoded words (nodemailer folds and encodes long subjects). */
function header(head: string, name: string): string {
  const unfolded = head.replace(/\r\n[ \t]+/g, ' ');
  const line = unfolded.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  const value = line ? line.slice(name.length + 1).trim() : '';
  return value
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_m, enc: string, data: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(
            data
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    )
    .trim();
}

function decodeBody(head: string, body: string): string {
  const cte = header(head, 'Content-Transfer-Encoding').toLowerCase();
  let text = body;
  if (cte === 'base64') text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (cte === 'quoted-printable') {
    const bytes = body
      .replace(/=\r\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
    text = Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return text.replace(/\r\n/g, '\n').replace(/\n$/, '');
}

/** Parses a raw RFC 5322 message (single-part text, as the mailer sends). */
export function parseMail(raw: string, to: string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split);
  return {
    from: header(head, 'From'),
    to,
    subject: header(head, 'Subject'),
    text: decodeBody(head, raw.slice(split + 4)),
  };
}

/** Starts the server (no TLS, no auth: loopback only). */
export async function startTestSmtp(): Promise<TestSmtp> {
  const mails: ReceivedMail[] = [];
  const refuse = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (refuse.has(address.address)) {
        const err = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        mails.push(parseMail(Buffer.concat(chunks).toString('latin1'), to));
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  const url = `smtp://127.0.0.1:${port}`;
  const mailer = smtpMailer(url, 'Orderly <orderly@example.test>');
  const logger = pino({ level: 'silent' });
  return {
    url,
    mails,
    refuse,
    async deliver(db, now = new Date()) {
      const jobs = notificationJobs({
        mailer,
        reminderAfterSeconds: 0,
        reminderEveryMs: 1,
        deliveryEveryMs: 1,
        // Delivery only: the ending-soon and usage jobs run where a test drives them.
        resourceNoticesEveryMs: 0,
      });
      const out = await startSchedule(db, jobs, logger, false).tick(now);
      return out['notifications.delivery'] ?? 0;
    },
    take() {
      return mails.splice(0, mails.length);
    },
    async close() {
      mailer.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
