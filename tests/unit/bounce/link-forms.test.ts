import { describe, expect, it } from "vitest";
import { findReportLinks } from "@/lib/bounce";
import {
  EXPECTED,
  ID,
  LINE_ENDINGS,
  SECRET,
  encodeQuotedPrintable,
  reportUrl,
  withLineEndings,
} from "./bounce-fixtures";

const URL = reportUrl();

describe("a pasted link or query string", () => {
  it.each([
    ["the link alone", URL],
    ["the link with surrounding blanks", `  ${URL}\n\n`],
    ["a query string", `?id=${ID}&auth=${SECRET}`],
    ["a query string without the question mark", `id=${ID}&auth=${SECRET}`],
    ["swapped parameters", reportUrl({ swapped: true })],
    ["path /r", reportUrl({ origin: "https://reports.example.net/r" })],
    ["another host and a deeper path", reportUrl({ origin: "http://blocks.relay-2031.example/reports/v2/view" })],
    ["&amp; from an HTML source", reportUrl({ ampersand: "&amp;" })],
    ["&#38; from an HTML source", reportUrl({ ampersand: "&#38;", swapped: true })],
    ["an href attribute", `<a href="${reportUrl({ ampersand: "&amp;" })}">your report</a>`],
    [
      "a Safe Links rewrite (percent-encoded)",
      `https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Freports.example.net%2F%3Fid%3D${ID}%26auth%3D${SECRET}&data=05%7C02&reserved=0`,
    ],
  ])("finds %s", (_name, text) => {
    expect(findReportLinks(text)).toEqual(EXPECTED);
  });

  it.each([..."<([\"'"].map((open) => [open, { "<": ">", "(": ")", "[": "]" }[open] ?? open]))(
    "finds a link enclosed in %s…%s",
    (open, close) => {
      expect(findReportLinks(`See: ${open}${URL}${close} for details`)).toEqual(EXPECTED);
    },
  );

  it.each([...".,;:)>]\"'"])("finds a link followed by %s", (punctuation) => {
    expect(findReportLinks(`See ${URL}${punctuation} Thanks`)).toEqual(EXPECTED);
    expect(findReportLinks(`See ${reportUrl({ swapped: true })}${punctuation}`)).toEqual(EXPECTED);
  });

  it.each([22, 64, 128])("accepts a secret of %i characters", (length) => {
    const auth = "aB3-_".repeat(26).slice(0, length);
    expect(findReportLinks(`See: ${reportUrl({ auth })}.`)).toEqual([{ id: ID, auth }]);
  });

  it("keeps a plain secret that starts with 3D (which in quoted-printable would be an escape)", () => {
    const auth = `3D${SECRET.slice(2)}`;
    expect(findReportLinks(reportUrl({ auth }))).toEqual([{ id: ID, auth }]);
    expect(findReportLinks(reportUrl({ auth, swapped: true }))).toEqual([{ id: ID, auth }]);
  });

  it.each([
    ["a secret of 21 characters", reportUrl({ auth: SECRET.slice(0, 21) })],
    ["a secret of 129 characters", reportUrl({ auth: SECRET.repeat(3).slice(0, 129) })],
    ["an upper-case id", reportUrl({ id: ID.toUpperCase() })],
    ["an id of 19 hex characters", reportUrl({ id: ID.slice(1) })],
    ["an id of 21 hex characters", reportUrl({ id: `${ID}a` })],
    ["another parameter named …id", `https://x.example/?uid=${ID}&auth=${SECRET}`],
    ["another parameter named …auth", `https://x.example/?oauth=${SECRET}&id=${ID}`],
    ["the id alone", `https://reports.example.net/?id=${ID}`],
    ["parameters far apart", `id=${ID} and later &auth=${SECRET}`],
  ])("finds nothing in %s", (_name, text) => {
    expect(findReportLinks(text)).toEqual([]);
  });

  it("lists each distinct link once, in order of appearance", () => {
    const other = { id: "0db1eaddb2ff7913e5b7", auth: "Zq1xWv2yUt3sRr4qPp5oNn6mMl7kLj8iKh9gJf0eIdc" };
    const text = `${URL}\n${reportUrl(other)}\n${reportUrl({ swapped: true })}\n${URL}`;
    expect(findReportLinks(text)).toEqual([...EXPECTED, other]);
  });
});

describe.each(LINE_ENDINGS)("a link folded across lines (%s)", (_name, ending) => {
  const line = `Diagnostic-Code: smtp; See: ${URL}`;
  const linkStart = line.indexOf(URL);

  it("is found whatever position a plain line break falls at", () => {
    const failures: number[] = [];
    for (let at = linkStart; at <= line.length; at++) {
      const text = withLineEndings(`${line.slice(0, at)}\n${line.slice(at)}\nThanks\n`, ending);
      if (JSON.stringify(findReportLinks(text)) !== JSON.stringify(EXPECTED)) failures.push(at - linkStart);
    }
    expect(failures).toEqual([]);
  });

  it("is found whatever position a quoted-printable soft break falls at", () => {
    const failures: number[] = [];
    for (let padding = 0; padding < 76; padding++) {
      const qp = encodeQuotedPrintable(`${"x".repeat(padding)} ${line}\nThanks`);
      if (JSON.stringify(findReportLinks(withLineEndings(qp, ending))) !== JSON.stringify(EXPECTED)) {
        failures.push(padding);
      }
    }
    expect(failures).toEqual([]);
  });

  it("is found when a relay folds after a delimiter and indents the next line", () => {
    const folded = `Diagnostic-Code: smtp; 550 5.7.1 See: https://reports.example.net/?id=${ID}&\n    auth=${SECRET}\n`;
    expect(findReportLinks(withLineEndings(folded, ending))).toEqual(EXPECTED);
  });

  it("is found when the secret is wrapped twice at a narrow width", () => {
    const wrapped = `?id=${ID}&auth=${SECRET.slice(0, 15)}\n${SECRET.slice(15, 30)}\n${SECRET.slice(30)}\n`;
    expect(findReportLinks(withLineEndings(wrapped, ending))).toEqual(EXPECTED);
  });

  it("does not glue a complete secret to the word on the next line", () => {
    expect(findReportLinks(withLineEndings(`${URL}\nThanks`, ending))).toEqual(EXPECTED);
    expect(findReportLinks(withLineEndings(`${reportUrl({ swapped: true })}\nThanks`, ending))).toEqual(EXPECTED);
  });

  it("does not glue a secret of unusual length to the word on the next line", () => {
    const auth = SECRET.slice(0, 30);
    expect(findReportLinks(withLineEndings(`${reportUrl({ auth })}\nThanks`, ending))).toEqual([{ id: ID, auth }]);
  });
});
