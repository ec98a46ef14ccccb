import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  date: Date;
  /** Extra header fields (List-Unsubscribe on owner notifications). */
  headers?: Record<string, string>;
}

export interface MailTransport {
  /** Where mail goes, for the start-up log line. */
  destination: string;
  /** Delivers one mail or throws (the job is then retried with back-off). */
  send(mail: OutgoingMail): Promise<{ location: string }>;
  close(): void;
}

// A relay that hangs must fail the job (and let pg-boss retry it), not hold it forever.
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

function smtpTransport(smtpUrl: string): MailTransport {
  const transporter = nodemailer.createTransport(smtpUrl, SMTP_TIMEOUTS);
  const url = new URL(smtpUrl);
  return {
    destination: `SMTP server ${url.hostname}:${url.port || (url.protocol === "smtps:" ? 465 : 587)}`,
    async send(mail) {
      const info = await transporter.sendMail(mail);
      return { location: `smtp ${String(info.response ?? "").slice(0, 120)}` };
    },
    close: () => transporter.close(),
  };
}

/** The Message-ID without its brackets, as a safe file name. */
const fileNameFor = (messageId: string) => `${messageId.replace(/[<>]/g, "").replace(/[^A-Za-z0-9._-]/g, "_")}.eml`;

/*
 * Without SMTP_URL (a laptop, the demo) mail is written as .eml files that any mail client
 * opens. The file is named after the Message-ID, so a retried job overwrites its own file
 * instead of adding a second copy.
 */
function fileTransport(outboxDir: string): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  const dir = path.resolve(outboxDir);
  return {
    destination: `files in ${dir}`,
    async send(mail) {
      const info = await transporter.sendMail(mail);
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, fileNameFor(mail.messageId));
      await writeFile(file, info.message as Buffer);
      return { location: file };
    },
    close: () => transporter.close(),
  };
}

export function createMailTransport(options: { smtpUrl?: string; outboxDir: string }): MailTransport {
  return options.smtpUrl ? smtpTransport(options.smtpUrl) : fileTransport(options.outboxDir);
}
