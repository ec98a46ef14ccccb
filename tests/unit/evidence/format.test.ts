import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstCharacters } from "@/lib/evidence";
import { formatCountOf, formatWait } from "@/lib/evidence/format";

describe("firstCharacters", () => {
  it("keeps a short string whole", () => {
    expect(firstCharacters("X-Campaign-Data: AAAA", 1500)).toEqual({ shown: "X-Campaign-Data: AAAA", hidden: 0 });
  });

  it("counts code points, never cutting an emoji or a surrogate pair in half", () => {
    expect(firstCharacters("🔥🔥🔥abc", 2)).toEqual({ shown: "🔥🔥", hidden: 4 });
    // Longer than max in UTF-16 units, not in characters: nothing is hidden.
    expect(firstCharacters("🔥🔥🔥", 3)).toEqual({ shown: "🔥🔥🔥", hidden: 0 });
  });

  it("agrees with splitting into code points, lone surrogates included", () => {
    const text = fc.string({
      unit: fc.oneof(
        fc.constant("\uD83D"),
        fc.constant("\uDD25"),
        fc.constant("🔥"),
        fc.constantFrom("a", "Z", " ", "é"),
      ),
    });
    fc.assert(
      fc.property(text, fc.nat(40), (value, max) => {
        const chars = Array.from(value);
        expect(firstCharacters(value, max)).toEqual({
          shown: chars.slice(0, max).join(""),
          hidden: Math.max(0, chars.length - max),
        });
      }),
    );
  });
});

describe("formatCountOf", () => {
  it("puts the noun in the singular for exactly one, with grouped digits", () => {
    expect(formatCountOf(1, "request")).toBe("1 request");
    expect(formatCountOf(0, "request")).toBe("0 requests");
    expect(formatCountOf(1204, "decided request")).toBe("1,204 decided requests");
    expect(formatCountOf(2, "entry", "entries")).toBe("2 entries");
  });
});

describe("formatWait", () => {
  it("says how long to wait with the noun agreeing: seconds under two minutes, whole minutes after", () => {
    expect(formatWait(1)).toBe("1 second");
    expect(formatWait(45)).toBe("45 seconds");
    expect(formatWait(119)).toBe("119 seconds");
    expect(formatWait(120)).toBe("2 minutes");
    expect(formatWait(121)).toBe("3 minutes");
    expect(formatWait(900)).toBe("15 minutes");
  });
});
