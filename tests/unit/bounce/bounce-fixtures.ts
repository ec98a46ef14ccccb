import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * 629 real DSNs from sisimai's set-of-emails (BSD 2-Clause, see the folder's LICENSE), kept in
 * the repository; none holds a Block Reports link.
 */
export const CORPUS_DIR = fileURLToPath(new URL("../../fixtures/sisimai-bounces", import.meta.url));

export const ID = "1ec5d310c951ebd54d84";
/** A secret as issued: 32 random bytes, unpadded base64url (43 characters). */
export const SECRET = "m3TVc9x-CWMe3g4PnlM_Oi07DzY7c9kohnw5Q5R_wec";
export const EXPECTED = [{ id: ID, auth: SECRET }];

export function corpusFiles(): string[] {
  return readdirSync(CORPUS_DIR)
    .filter((name) => name.endsWith(".eml"))
    .sort();
}

export function readCorpus(name: string): string {
  return readFileSync(path.join(CORPUS_DIR, name), "utf8");
}

interface LinkOptions {
  id?: string;
  auth?: string;
  origin?: string;
  swapped?: boolean;
  ampersand?: string;
}

export function reportUrl({
  id = ID,
  auth = SECRET,
  origin = "https://reports.example.net/",
  swapped = false,
  ampersand = "&",
}: LinkOptions = {}): string {
  const query = swapped ? `auth=${auth}${ampersand}id=${id}` : `id=${id}${ampersand}auth=${auth}`;
  return `${origin}?${query}`;
}

/** The two lines the relay puts in its SMTP reply, as a DSN quotes them. */
export function relayNotice(url = reportUrl()): string {
  return `550 5.7.1 [ABUSE] Sender blocked: spam or abuse detected.\nSee: ${url}\n`;
}

export type LineEnding = "\n" | "\r\n" | "\r";
export const LINE_ENDINGS: ReadonlyArray<[string, LineEnding]> = [
  ["LF", "\n"],
  ["CRLF", "\r\n"],
  ["CR", "\r"],
];

export function withLineEndings(text: string, ending: LineEnding): string {
  return text.replace(/\r\n?|\n/g, ending);
}

function hexEscape(byte: number): string {
  return `=${byte.toString(16).toUpperCase().padStart(2, "0")}`;
}

/** RFC 2045 quoted-printable with soft line breaks so that no line exceeds `lineLength`. */
export function encodeQuotedPrintable(text: string, lineLength = 76): string {
  return text
    .split("\n")
    .map((line) => {
      const tokens = [...Buffer.from(line, "utf8")].map((byte, index, bytes) => {
        const printable = byte >= 33 && byte <= 126 && byte !== 0x3d;
        const trailingBlank = (byte === 0x20 || byte === 0x09) && index === bytes.length - 1;
        return printable || ((byte === 0x20 || byte === 0x09) && !trailingBlank)
          ? String.fromCharCode(byte)
          : hexEscape(byte);
      });
      const lines: string[] = [];
      let current = "";
      for (const token of tokens) {
        // A soft break takes one more column ("="); escapes are never split.
        if (current.length + token.length > lineLength - 1) {
          lines.push(`${current}=`);
          current = "";
        }
        current += token;
      }
      return [...lines, current].join("\n");
    })
    .join("\n");
}

export function encodeBase64Lines(text: string): string {
  return (
    Buffer.from(text, "utf8")
      .toString("base64")
      .match(/.{1,76}/g) ?? []
  ).join("\n");
}

export function htmlNotice(url = reportUrl()): string {
  const escaped = url.replaceAll("&", "&amp;");
  return [
    "<!DOCTYPE html><html><body>",
    "<p>550 5.7.1 [ABUSE] Sender blocked: spam or abuse detected.</p>",
    `<p>See: <a href="${escaped}">${escaped}</a></p>`,
    "</body></html>",
  ].join("\n");
}

function topLevelBoundary(message: string): string {
  const headers = message.slice(0, message.search(/\n\n/));
  const boundary = /boundary="?([^";\s]+)"?/i.exec(headers)?.[1];
  if (!boundary) throw new Error("fixture is not a multipart message");
  return boundary;
}

interface Part {
  contentType: string;
  transferEncoding: string;
  body: string;
}

/** Adds a part before the first part of a multipart bounce (LF line endings). */
export function addPart(message: string, { contentType, transferEncoding, body }: Part): string {
  const delimiter = `\n--${topLevelBoundary(message)}`;
  const at = message.indexOf(`${delimiter}\n`);
  const part = `${delimiter}\nContent-Type: ${contentType}\nContent-Transfer-Encoding: ${transferEncoding}\n\n${body}`;
  return message.slice(0, at) + part + message.slice(at);
}

/** Puts `text` at the start of the body of a message that is not MIME (LF line endings). */
export function insertIntoBody(message: string, text: string): string {
  const bodyStart = message.indexOf("\n\n") + 2;
  return `${message.slice(0, bodyStart)}${text}\n${message.slice(bodyStart)}`;
}

/** A returned message, base64-encoded as a whole, whose HTML part is base64 again. */
export function attachedMessageWithLink(url = reportUrl()): Part {
  const inner = [
    "From: relay@example.net",
    "Subject: Undelivered Mail Returned to Sender",
    "MIME-Version: 1.0",
    'Content-Type: multipart/alternative; boundary="inner-boundary"',
    "",
    "--inner-boundary",
    "Content-Type: text/html; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    encodeBase64Lines(htmlNotice(url)),
    "--inner-boundary--",
    "",
  ].join("\r\n");
  return { contentType: "message/rfc822", transferEncoding: "base64", body: encodeBase64Lines(inner) };
}
