import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  header: (name: string) => string | undefined;
  /** The text/plain part, quoted-printable decoded. */
  text: string;
  /** The text/html part, quoted-printable decoded. */
  html: string;
}

export interface SmtpSink {
  url: string;
  received: ReceivedMail[];
  /** Every RCPT TO the server saw, accepted or not, in order. */
  rcptAttempts: string[];
  waitFor: (predicate: (mails: ReceivedMail[]) => boolean, timeoutMs?: number) => Promise<ReceivedMail[]>;
  close: () => Promise<void>;
}

function parseHeaders(raw: string) {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? "";
  const unfolded = head.replace(/\r?\n[ \t]+/g, " ");
  const headers = new Map<string, string>();
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

const decodeQuotedPrintable = (body: string) =>
  Buffer.from(
    body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    "latin1",
  ).toString("utf8");

/** One part (text/plain or text/html) of a multipart/alternative mail, decoded. */
function mimePart(raw: string, contentType: string, type: "plain" | "html"): string {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  const parts = boundary ? raw.split(`--${boundary}`) : [raw];
  const part = parts.find((p) =>
    new RegExp(`^\\s*Content-Type: text/${type}`, "im").test(p.split(/\r?\n\r?\n/, 1)[0] ?? ""),
  );
  if (!part) return "";
  const [head = "", ...body] = part.replace(/^\r?\n/, "").split(/\r?\n\r?\n/);
  const text = body.join("\r\n\r\n").replace(/\r?\n$/, "");
  return /Content-Transfer-Encoding: quoted-printable/i.test(head) ? decodeQuotedPrintable(text) : text;
}

/**
 * A real SMTP server on a random loopback port that keeps what it receives. `rejectRcpt`
 * may refuse a recipient with a temporary 451, as a greylisting relay would.
 */
export async function startSmtpSink(
  options: { rejectRcpt?: (address: string, attempt: number) => boolean } = {},
): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const rcptAttempts: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      rcptAttempts.push(address.address);
      const attempt = rcptAttempts.filter((a) => a === address.address).length;
      if (options.rejectRcpt?.(address.address, attempt)) {
        const error = Object.assign(new Error("Greylisted, please try again later"), { responseCode: 451 });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const headers = parseHeaders(raw);
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          header: (name) => headers.get(name.toLowerCase()),
          text: mimePart(raw, headers.get("content-type") ?? "", "plain"),
          html: mimePart(raw, headers.get("content-type") ?? "", "html"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    rcptAttempts,
    async waitFor(predicate, timeoutMs = 45_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > deadline)
          throw new Error(
            `mail did not arrive in ${timeoutMs} ms; received ${received.length}: ${received.map((m) => m.header("subject")).join(" | ")}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
