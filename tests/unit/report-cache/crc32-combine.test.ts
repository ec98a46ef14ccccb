import { crc32 } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { combineCrc32, crc32ShiftOperator } from "@/lib/report-cache/crc32-combine";

describe("combineCrc32", () => {
  it("gives the CRC-32 of two buffers joined, from their CRCs and the second one's length", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), fc.uint8Array({ maxLength: 70_000 }), (a, b) => {
        const joined = Buffer.concat([a, b]);
        expect(combineCrc32(crc32(a), crc32(b), crc32ShiftOperator(b.length))).toBe(crc32(joined));
      }),
      { numRuns: 200 },
    );
  });

  it("is the identity for an empty second buffer, and shifting by n then m is shifting by n + m, past 32-bit lengths too", () => {
    const crc = crc32(Buffer.from("report page"));
    expect(combineCrc32(crc, 0, crc32ShiftOperator(0))).toBe(crc);
    for (const [n, m] of [
      [1, 2],
      [70_000, 3],
      [2 ** 31 + 5, 2 ** 31 + 11],
    ] as const) {
      const twice = combineCrc32(combineCrc32(crc, 0, crc32ShiftOperator(n)), 0, crc32ShiftOperator(m));
      expect(twice, `${n} + ${m}`).toBe(combineCrc32(crc, 0, crc32ShiftOperator(n + m)));
    }
  });
});
