import { env } from "@/lib/env";
import type { JobHandler } from "@/lib/jobs/registry";
import { logger } from "@/lib/log";
import path from "node:path";
import { createMailSendHandler } from "./send-mail-job";
import { createMailTransport, type MailTransport } from "./transport";

export { composeMail, createMailSendHandler, type MailSenderOptions } from "./send-mail-job";
export { createMailTransport, type MailTransport, type OutgoingMail } from "./transport";
export { mailJobSchema, mailContentSchema, type MailContent, type MailJob, type MailTemplate } from "./mail-job";

/** Where mail goes when SMTP_URL is not set: `<DATA_DIR>/outbox/*.eml`. */
export const mailOutboxDir = () => path.resolve(env.DATA_DIR, "outbox");

let configured: { transport: MailTransport; handler: JobHandler } | undefined;

function configuredHandler() {
  if (!configured) {
    const transport = createMailTransport({ smtpUrl: env.SMTP_URL, outboxDir: mailOutboxDir() });
    logger.info(
      { destination: transport.destination },
      env.SMTP_URL ? "mail: sending through SMTP" : "mail: no SMTP_URL set, writing mail to the local outbox",
    );
    const handler = createMailSendHandler({
      transport,
      from: env.MAIL_FROM,
      context: { relayName: env.RELAY_NAME, publicBaseUrl: env.PUBLIC_BASE_URL },
    });
    configured = { transport, handler };
  }
  return configured.handler;
}

/** The `mail.send` handler configured from the environment (SMTP_URL or the file outbox). */
export const handleMailSend: JobHandler = (payload, context) => configuredHandler()(payload, context);
