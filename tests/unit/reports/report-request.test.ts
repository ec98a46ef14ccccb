import { describe, expect, it } from "vitest";
import { clientAddress, readReportRequest, reportPath, toSearchParams } from "@/lib/reports/report-request";

const ID = "1ec5d310c951ebd54d84";
const SECRET = "Ytv7w6bcQvH7FIhzKKIunribyeMlfv8ftXuE7mCZ2FM";
const read = (query: string) => readReportRequest(new URLSearchParams(query));

describe("readReportRequest", () => {
  it("no id and no auth is the find page, whatever else is there", () => {
    expect(read("")).toEqual({ kind: "find" });
    expect(read("utm_source=mail")).toEqual({ kind: "find" });
  });

  it("one well-formed id and auth is a link, in either order, extra tags ignored", () => {
    expect(read(`id=${ID}&auth=${SECRET}`)).toEqual({ kind: "link", publicId: ID, secret: SECRET });
    expect(read(`auth=${SECRET}&utm_medium=x&id=${ID}`)).toEqual({ kind: "link", publicId: ID, secret: SECRET });
  });

  it.each([
    [`id=${ID}`],
    [`auth=${SECRET}`],
    [`id=&auth=`],
    [`id=${ID.toUpperCase()}&auth=${SECRET}`],
    [`id=${ID}&auth=short`],
    [`id=${ID}&id=${ID}&auth=${SECRET}`],
    [`id=${ID}&auth=${SECRET}&auth=${SECRET}`],
    [`id=${ID}&auth=${encodeURIComponent("<script>alert(1)</script>")}`],
  ])("everything else is malformed: %s", (query) => {
    expect(read(query)).toEqual({ kind: "malformed" });
  });

  it("keeps repeated keys from Next's searchParams", () => {
    expect(toSearchParams({ id: [ID, ID], auth: SECRET, x: undefined }).getAll("id")).toEqual([ID, ID]);
  });

  it("builds the relative report path", () => {
    expect(reportPath(ID, SECRET)).toBe(`/?id=${ID}&auth=${SECRET}`);
  });
});

describe("clientAddress", () => {
  it("takes the first X-Forwarded-For hop, then X-Real-IP, then the fallback", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.7, 10.0.0.1" }))).toBe("203.0.113.7");
    expect(clientAddress(new Headers({ "x-real-ip": "2001:db8::1" }))).toBe("2001:db8::1");
    expect(clientAddress(new Headers(), "127.0.0.1")).toBe("127.0.0.1");
  });

  it("bounds and sanitises a forged header", () => {
    const key = clientAddress(new Headers({ "x-forwarded-for": `${"a".repeat(500)}<script>` }));
    expect(key.length).toBeLessThanOrEqual(64);
    expect(key).toMatch(/^[0-9A-Za-z.:_-]+$/);
  });
});
