import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeCursor,
  encodeCursor,
  formatQueueCount,
  isSearchTooShort,
  parseQueueParams,
  QUEUE_COUNT_CAP,
  queueHref,
} from "@/lib/staff/queue-filters";

const cursor = (text: string) => Buffer.from(text).toString("base64url");

describe("queue filters and cursors", () => {
  it("drops control characters from the search (a NUL would fail Postgres's text)", () => {
    expect(parseQueueParams({ q: "a\u0000b\u001fc\u007f" }).filters.q).toBe("abc");
    expect(parseQueueParams({ q: "\u0000\n" }).filters.q).toBeUndefined();
  });

  it("calls a search of fewer than 3 characters too short (it matches nothing), not an empty one", () => {
    expect(isSearchTooShort(parseQueueParams({ q: " ab " }).filters.q)).toBe(true);
    expect(isSearchTooShort(parseQueueParams({ q: "acm" }).filters.q)).toBe(false);
    expect(isSearchTooShort(parseQueueParams({ q: "A-7K3F9Q" }).filters.q)).toBe(false);
    expect(isSearchTooShort(parseQueueParams({ q: "" }).filters.q)).toBe(false);
  });

  it("writes a list's count exactly up to the cap, and as the cap with a plus past it", () => {
    expect(QUEUE_COUNT_CAP).toBe(1000);
    expect(formatQueueCount(0)).toBe("0");
    expect(formatQueueCount(999)).toBe("999");
    expect(formatQueueCount(1000)).toBe("1,000");
    expect(formatQueueCount(1001)).toBe("1,000+");
  });

  it("round-trips a cursor, microseconds included", () => {
    const value = { at: "2026-12-07T01:02:03.456789", id: "0b3c9a4e-8d9e-4f5b-9a6c-1e2d3f4a5b6c", mine: true };
    expect(decodeCursor(encodeCursor(value))).toEqual(value);
  });

  it.each([
    ["an impossible day", "2026-02-31T01:02:03.456789~0b3c9a4e-8d9e-4f5b-9a6c-1e2d3f4a5b6c~0"],
    ["month 13", "2026-13-01T01:02:03.456789~0b3c9a4e-8d9e-4f5b-9a6c-1e2d3f4a5b6c~0"],
    ["dashes for an id", "2026-02-01T01:02:03.456789~------------------------------------~0"],
    ["no microseconds", "2026-02-01T01:02:03~0b3c9a4e-8d9e-4f5b-9a6c-1e2d3f4a5b6c~0"],
  ])("turns a cursor with %s into the first page, never a database error", (_label, text) => {
    expect(decodeCursor(cursor(text))).toBeNull();
  });

  it("never throws on any text in the URL, and drops values the form does not offer", () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom("list", "reason", "age", "level", "assignee", "q", "decide_after", "x"),
          fc.string({ maxLength: 300 }),
        ),
        (params) => {
          const { filters, cursors } = parseQueueParams(params);
          expect(["anyone", "mine", "unassigned"]).toContain(filters.assignee);
          expect((filters.q ?? "").length).toBeLessThanOrEqual(200);
          decodeCursor(cursors.decide);
          expect(queueHref(filters)).toMatch(/^\/staff/);
        },
      ),
    );
  });

  it("keeps the filters in the link to another page, and leaves the defaults out", () => {
    const { filters } = parseQueueParams({ reason: "SPAM", assignee: "anyone", q: "shop" });
    expect(queueHref(filters)).toBe("/staff?reason=SPAM&q=shop");
    expect(queueHref(filters, { list: "cases", after: "abc" })).toBe("/staff?reason=SPAM&q=shop&cases_after=abc");
  });
});
