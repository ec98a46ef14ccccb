import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findReportLinks } from "@/lib/bounce";
import { encodeQuotedPrintable, reportUrl, withLineEndings, type LineEnding } from "./bounce-fixtures";

const BASE64URL = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"];

const anId = fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 20, maxLength: 20 });
const anIssuedSecret = fc.string({ unit: fc.constantFrom(...BASE64URL), minLength: 43, maxLength: 43 });
const aSecret = fc.string({ unit: fc.constantFrom(...BASE64URL), minLength: 22, maxLength: 128 });
const aLineEnding = fc.constantFrom<LineEnding>("\n", "\r\n", "\r");
const anOrigin = fc.constantFrom(
  "https://reports.example.net/",
  "https://r.example/r",
  "http://blocks.example.org/a/b",
);

/** Text around the link: printable ASCII, line breaks, and the characters links are made of. */
const surroundingText = fc.string({
  unit: fc.oneof(
    fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }),
    fc.constantFrom("\n", "\r\n", "=", "&", "?", "é", "日本"),
  ),
  maxLength: 200,
});

// What may stand right before and right after a link. A line break after it is tested
// separately with issued secrets: a secret of another length followed by a word on the
// next line is ambiguous by nature.
const opening = fc.constantFrom(" ", "\n", "<", "(", '"', "'", "[", "See: ");
const closing = fc.constantFrom(" ", ">", ")", ".", ",", ";", ":", "]", '"', "'");

describe("properties", () => {
  it("finds any id and secret embedded in arbitrary text", () => {
    fc.assert(
      fc.property(
        anId,
        aSecret,
        fc.boolean(),
        anOrigin,
        surroundingText,
        opening,
        closing,
        surroundingText,
        (id, auth, swapped, origin, before, open, close, after) => {
          const text = `${before}${open}${reportUrl({ id, auth, swapped, origin })}${close}${after}`;
          expect(findReportLinks(text)).toEqual([{ id, auth }]);
        },
      ),
    );
  });

  it("finds an issued link quoted-printable encoded at any line length and position", () => {
    fc.assert(
      fc.property(
        anId,
        anIssuedSecret,
        fc.boolean(),
        surroundingText,
        surroundingText,
        fc.integer({ min: 30, max: 76 }),
        aLineEnding,
        (id, auth, swapped, before, after, lineLength, ending) => {
          const text = `${before} See: ${reportUrl({ id, auth, swapped })}\n${after}`;
          const encoded = withLineEndings(encodeQuotedPrintable(text, lineLength), ending);
          expect(findReportLinks(encoded)).toEqual([{ id, auth }]);
        },
      ),
    );
  });

  it("finds an issued link with up to two line breaks anywhere inside it", () => {
    fc.assert(
      fc.property(
        anId,
        anIssuedSecret,
        fc.boolean(),
        surroundingText,
        surroundingText,
        fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 2 }),
        aLineEnding,
        (id, auth, swapped, before, after, breakSeeds, ending) => {
          const url = reportUrl({ id, auth, swapped });
          const breaks = breakSeeds.map((seed) => 1 + (seed % (url.length - 1)));
          const folded = [...url].map((char, index) => (breaks.includes(index) ? `${ending}${char}` : char)).join("");
          expect(findReportLinks(`${before} ${folded}${ending}${after}`)).toEqual([{ id, auth }]);
        },
      ),
    );
  });

  it("never throws, and every link it returns is well formed", () => {
    const tokens = fc.constantFrom(
      "id=",
      "auth=",
      "=3D",
      "=\n",
      "=\r\n",
      "\n",
      "\r",
      "&",
      "&amp;",
      "%3D",
      "?",
      "a",
      "0f",
      "AbC-_",
      "Content-Type: multipart/mixed; boundary=b\n",
      "--b\n",
      "--b--\n",
      "Content-Transfer-Encoding: base64\n\n",
      "Content-Type: message/rfc822\n",
      "QUJD",
      "==",
      "\n\n",
    );
    const soup = fc.array(tokens, { maxLength: 300 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 2000 }), soup), (text) => {
        for (const link of findReportLinks(text)) {
          expect(link.id).toMatch(/^[0-9a-f]{20}$/);
          expect(link.auth).toMatch(/^[A-Za-z0-9_-]{22,128}$/);
        }
      }),
      { numRuns: 500 },
    );
  });
});
