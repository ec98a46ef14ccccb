import { describe, expect, it } from "vitest";
import { findReportLinks } from "@/lib/bounce";
import {
  EXPECTED,
  LINE_ENDINGS,
  addPart,
  attachedMessageWithLink,
  encodeBase64Lines,
  encodeQuotedPrintable,
  htmlNotice,
  insertIntoBody,
  readCorpus,
  relayNotice,
  reportUrl,
  withLineEndings,
} from "./bounce-fixtures";

// Real bounces of different shapes: multipart/report with message/rfc822 (Postfix,
// Sendmail), nested multipart/related + alternative (Google), QP and base64 parts
// (Amazon WorkMail), Exchange Online, and plain-text non-MIME bounces (Exim, qmail,
// and one with CRLF and CR line endings mixed).
const MIME_BOUNCES = [
  "lhost-postfix-01.eml",
  "lhost-sendmail-01.eml",
  "rhost-gsuite-01.eml",
  "lhost-amazonworkmail-01.eml",
  "lhost-office365-01.eml",
];
const PLAIN_BOUNCES = ["lhost-exim-01.eml", "lhost-qmail-01.eml", "lhost-dragonfly-01.eml"];

function lf(name: string): string {
  return withLineEndings(readCorpus(name), "\n");
}

type Injection = (bounce: string) => string;

function withPart(contentType: string, transferEncoding: string, body: string): Injection {
  return (bounce) => addPart(bounce, { contentType, transferEncoding, body });
}

const MIME_INJECTIONS: ReadonlyArray<[string, Injection]> = [
  ["plain text part", withPart("text/plain; charset=us-ascii", "7bit", relayNotice())],
  // 76-column QP puts the soft break 8 characters into the secret here.
  [
    "quoted-printable part, soft break inside the secret",
    withPart("text/plain", "quoted-printable", encodeQuotedPrintable(relayNotice())),
  ],
  // …and inside "&amp;" here ("&a=" / "mp;").
  [
    "quoted-printable HTML part with &amp;",
    withPart("text/html", "quoted-printable", encodeQuotedPrintable(htmlNotice())),
  ],
  ["base64 text part", withPart("text/plain; charset=utf-8", "base64", encodeBase64Lines(relayNotice()))],
  ["base64 HTML part", withPart("text/html; charset=utf-8", "base64", encodeBase64Lines(htmlNotice()))],
  ["base64 message/rfc822 holding a base64 HTML part", (bounce) => addPart(bounce, attachedMessageWithLink())],
  [
    "link in angle brackets, swapped parameters",
    withPart("text/plain", "7bit", relayNotice(`<${reportUrl({ swapped: true })}>`)),
  ],
  [
    "link folded by plain wrapping after the ampersand",
    withPart("text/plain", "7bit", relayNotice(reportUrl({ ampersand: "&\n" }))),
  ],
];

const DIAGNOSTIC = `Diagnostic-Code: smtp; 550 5.7.1 [ABUSE] Sender blocked. See: ${reportUrl()}`;

const PLAIN_INJECTIONS: ReadonlyArray<[string, Injection]> = [
  ["as written", (bounce) => insertIntoBody(bounce, relayNotice())],
  ["followed by a full stop", (bounce) => insertIntoBody(bounce, `Your report: ${reportUrl()}.`)],
  ["in parentheses, swapped", (bounce) => insertIntoBody(bounce, `(${reportUrl({ swapped: true })})`)],
  [
    "wrapped at 72 columns inside the secret",
    (bounce) => insertIntoBody(bounce, DIAGNOSTIC.replace(/(.{72})/, "$1\n")),
  ],
];

describe.each(LINE_ENDINGS)("a link injected into a real bounce (%s line endings)", (_name, ending) => {
  describe.each(MIME_BOUNCES)("%s", (name) => {
    it.each(MIME_INJECTIONS)("%s", (_injection, inject) => {
      const bounce = withLineEndings(inject(lf(name)), ending);
      expect(findReportLinks(bounce)).toEqual(EXPECTED);
    });
  });

  describe.each(PLAIN_BOUNCES)("%s", (name) => {
    it.each(PLAIN_INJECTIONS)("%s", (_injection, inject) => {
      const bounce = withLineEndings(inject(lf(name)), ending);
      expect(findReportLinks(bounce)).toEqual(EXPECTED);
    });
  });
});

describe("links in several parts of one bounce", () => {
  const other = { id: "0db1eaddb2ff7913e5b7", auth: "Zq1xWv2yUt3sRr4qPp5oNn6mMl7kLj8iKh9gJf0eIdc" };

  it("lists the same link in a text and an HTML part once", () => {
    const withHtml = withPart("text/html", "quoted-printable", encodeQuotedPrintable(htmlNotice()));
    const withText = withPart("text/plain", "7bit", relayNotice());
    expect(findReportLinks(withText(withHtml(lf("lhost-postfix-01.eml"))))).toEqual(EXPECTED);
  });

  it("lists different links in document order, base64 parts included", () => {
    const withOther = withPart("text/plain", "7bit", relayNotice(reportUrl(other)));
    const withBase64 = withPart("text/plain", "base64", encodeBase64Lines(relayNotice()));
    // addPart puts each part first, so the base64 part added last comes first.
    expect(findReportLinks(withBase64(withOther(lf("lhost-sendmail-01.eml"))))).toEqual([...EXPECTED, other]);
  });
});
