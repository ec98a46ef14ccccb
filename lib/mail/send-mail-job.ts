import { createHash } from "node:crypto";
import type { JobHandler } from "@/lib/jobs/registry";
import { renderHtml, renderText } from "./html";
import { mailJobSchema, type MailJob } from "./mail-job";
import { renderTemplate, unsubscribeUrl, type TemplateContext } from "./templates";
import type { MailTransport, OutgoingMail } from "./transport";

export interface MailSenderOptions {
  transport: MailTransport;
  from: string;
  context: TemplateContext;
}

const domainOf = (from: string) => /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? "block-reports.invalid";

/*
 * The Message-ID is derived from the outbox row, so when a job is retried after the SMTP
 * server accepted it but the acknowledgement was lost, the recipient's mail system sees
 * the same message again and can drop the duplicate.
 */
function messageIdFor(job: MailJob, from: string): string {
  const key =
    job.outboxId !== undefined
      ? `outbox-${job.outboxId}`
      : `job-${createHash("sha256").update(JSON.stringify(job)).digest("hex").slice(0, 24)}`;
  return `<${job.template}.${key}@${domainOf(from)}>`;
}

/** Turns a validated job into the mail to send: same input, same mail. */
export function composeMail(job: MailJob, options: Omit<MailSenderOptions, "transport">): OutgoingMail {
  const { subject, blocks } = renderTemplate(job, options.context);
  return {
    from: options.from,
    to: job.to,
    subject,
    text: renderText(blocks),
    html: renderHtml(blocks),
    messageId: messageIdFor(job, options.from),
    date: new Date(job.queuedAt),
    // RFC 8058 one-click unsubscribe: mail clients POST "List-Unsubscribe=One-Click" to the URL.
    ...(job.template === "owner-notice" || job.template === "notification-confirmation"
      ? {
          headers: {
            "List-Unsubscribe": `<${unsubscribeUrl(job.data.unsubscribeToken, options.context)}>`,
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
          },
        }
      : {}),
  };
}

/**
 * The `mail.send` job handler. A payload that fails validation is a bug in the code that
 * queued it: it throws, so the job fails visibly (and is retried) instead of vanishing.
 */
export function createMailSendHandler(options: MailSenderOptions): JobHandler {
  return async (payload, context) => {
    const parsed = mailJobSchema.safeParse(payload);
    if (!parsed.success)
      throw new Error(`mail.send: invalid payload: ${parsed.error.issues.map((i) => i.path.join(".")).join(", ")}`);
    const mail = composeMail(parsed.data, options);
    const { location } = await options.transport.send(mail);
    context.log("mail sent", { template: parsed.data.template, messageId: mail.messageId, location });
  };
}
