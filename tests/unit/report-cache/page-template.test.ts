import { gunzipSync, gzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deflateTemplate, fillGzipTemplate } from "@/lib/report-cache/gzip-template";
import { buildTemplate, countHoles, fillTemplate } from "@/lib/report-cache/page-template";

const NONCE = "o+WJw7+jDvGRcz5wElZbxg==";
const UUID = "231198fc-ff1c-4a8b-8e81-e32c8061d4ee";
const page = Buffer.from(
  `<!DOCTYPE html><script nonce="${NONCE}">1</script><input name="submissionId" value="${UUID}"/>` +
    `<script nonce="${NONCE}">self.__next_f.push([1,"{\\"submissionId\\":\\"${UUID}\\"}"])</script>ünïcödé</html>`,
);
const fresh = [Buffer.from("AAAAAAAAAAAAAAAAAAAAAA=="), Buffer.from("00000000-0000-4000-8000-000000000000")];

describe("page template", () => {
  it("turns every occurrence of each token into a hole and refills them all", () => {
    const template = buildTemplate(page, [NONCE, UUID]);
    expect(countHoles(template, 0)).toBe(2);
    expect(countHoles(template, 1)).toBe(2);
    expect(fillTemplate(template, [Buffer.from(NONCE), Buffer.from(UUID)]).equals(page)).toBe(true);
    const filled = fillTemplate(template, fresh).toString();
    expect(filled).not.toContain(NONCE);
    expect(filled).not.toContain(UUID);
    expect(filled).toBe(page.toString().split(NONCE).join(fresh[0]!.toString()).split(UUID).join(fresh[1]!.toString()));
  });

  it("refuses a refill that would change the page's length", () => {
    const template = buildTemplate(page, [NONCE]);
    expect(() => fillTemplate(template, [Buffer.from("short")])).toThrow(/length/);
  });

  it("encodes the filled page as valid gzip, with holes anywhere (start, end, side by side)", () => {
    const token = fc.constantFrom(0, 1);
    const text = fc.string({ maxLength: 3000, unit: "binary" });
    const pieces = fc.array(fc.oneof(text, token), { maxLength: 12 });
    fc.assert(
      fc.property(pieces, (parts) => {
        const raw = Buffer.from(
          parts
            .map((part) =>
              typeof part === "number" ? [NONCE, UUID][part] : part!.replaceAll(NONCE, "").replaceAll(UUID, ""),
            )
            .join(""),
        );
        const template = buildTemplate(raw, [NONCE, UUID]);
        const gzip = deflateTemplate(template);
        expect(gunzipSync(fillGzipTemplate(template, gzip, fresh)).equals(fillTemplate(template, fresh))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("still encodes correctly when the page has NUL bytes (parts then compressed without history)", () => {
    const raw = Buffer.from(`a\u0000${NONCE}\u0000\u0000\u0000${NONCE}\u0000b`);
    const template = buildTemplate(raw, [NONCE]);
    expect(
      gunzipSync(fillGzipTemplate(template, deflateTemplate(template), [fresh[0]!])).equals(
        fillTemplate(template, [fresh[0]!]),
      ),
    ).toBe(true);
  });

  it("compresses a page with many holes about as well as gzip of the whole page", () => {
    // Shaped like a report page: about 20 nonces in 100 kB, and text that repeats further down.
    const rows = (from: number) =>
      Array.from(
        { length: 100 },
        (_, i) => `<tr><td class="px-2 text-sm">rule ${from + i}</td><td>${(from + i) * 7}</td></tr>`,
      ).join("");
    const big = Buffer.from(
      Array.from({ length: 20 }, (_, i) => `<script nonce="${NONCE}">${rows(i * 10)}</script>`).join(""),
    );
    const template = buildTemplate(big, [NONCE]);
    const gzip = deflateTemplate(template);
    const body = fillGzipTemplate(template, gzip, [fresh[0]!]);
    expect(gunzipSync(body).equals(fillTemplate(template, [fresh[0]!]))).toBe(true);
    expect(body.length).toBeLessThan(gzipSync(big).length * 1.5);
  });
});
