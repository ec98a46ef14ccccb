import { describe, expect, it } from "vitest";
import { BounceTooLargeError, MAX_BOUNCE_BYTES, findReportLinks } from "@/lib/bounce";
import { AppError } from "@/lib/errors";
import { EXPECTED, reportUrl } from "./bounce-fixtures";

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected an exception");
}

describe("the 1 MB limit", () => {
  it("is one million bytes", () => {
    expect(MAX_BOUNCE_BYTES).toBe(1_000_000);
  });

  it("parses a text of exactly 1 MB, up to its last character", () => {
    const link = ` ${reportUrl()}`;
    const text = "x".repeat(MAX_BOUNCE_BYTES - link.length) + link;
    expect(Buffer.byteLength(text)).toBe(MAX_BOUNCE_BYTES);
    expect(findReportLinks(text)).toEqual(EXPECTED);
  });

  it("rejects one byte more with an error the page can show", () => {
    const error = thrownBy(() => findReportLinks("x".repeat(MAX_BOUNCE_BYTES + 1)));
    expect(error).toBeInstanceOf(BounceTooLargeError);
    // A user-caused error like the others, so generic handlers answer 422 with its message.
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      name: "BounceTooLargeError",
      code: "INVALID",
      actualBytes: MAX_BOUNCE_BYTES + 1,
      maxBytes: MAX_BOUNCE_BYTES,
      details: { actualBytes: MAX_BOUNCE_BYTES + 1, maxBytes: MAX_BOUNCE_BYTES },
    });
    expect((error as Error).message).toMatch(/^The pasted text is larger than 1 MB\./);
  });

  it("counts UTF-8 bytes, not characters", () => {
    // "é" is two bytes in UTF-8: 500,000 of them are exactly 1 MB, one more is too much.
    expect(findReportLinks("é".repeat(500_000))).toEqual([]);
    expect(() => findReportLinks("é".repeat(500_001))).toThrow(BounceTooLargeError);
  });
});
