import { describe, expect, it } from "vitest";
import { baseUrl } from "../support/browser";
import { freshClient, randomSecret } from "../support/demo-links";
import { createReport } from "./sender-actions/app-data";

/*
 * A report link answers HTML or JSON at the same URL, by Accept with q-values
 * (lib/reports/report-variant.ts), and every answer says `Vary: Accept`: the page Next
 * renders, the front server's cached copy of it, HEAD, the JSON, and the misses.
 */

const get = (path: string, headers: Record<string, string> = {}, method = "GET") =>
  fetch(`${baseUrl()}${path}`, {
    method,
    headers: { "X-Forwarded-For": freshClient(), ...headers },
    redirect: "manual",
  });

const varies = (response: Response) =>
  (response.headers.get("vary") ?? "").split(",").map((name) => name.trim().toLowerCase());

describe("report content negotiation", () => {
  it("names Accept in Vary on the rendered page, its cached copy, HEAD, the JSON and a miss", async () => {
    const { path, block } = await createReport();
    const rendered = await get(path);
    const cached = await get(path);
    const head = await get(path, {}, "HEAD");
    const json = await get(path, { Accept: "application/json" });
    const miss = await get(`/?id=${block.publicId}&auth=${randomSecret()}`);
    expect([rendered.headers.get("x-report-cache"), cached.headers.get("x-report-cache")]).toEqual(["miss", "hit"]);
    for (const [what, response, status] of [
      ["rendered", rendered, 200],
      ["cached", cached, 200],
      ["head", head, 200],
      ["json", json, 200],
      ["miss", miss, 404],
    ] as const) {
      expect(response.status, what).toBe(status);
      expect(varies(response), what).toContain("accept");
    }
    expect(varies(cached)).toContain("accept-encoding");
    // Answers from the cache keep one Vary header, not one per layer.
    expect(varies(cached).filter((name) => name === "accept")).toHaveLength(1);
  });

  it("chooses by q-values: q=0 refuses JSON, a lower q for HTML picks JSON, no Accept gets the page", async () => {
    const { path } = await createReport();
    const cases: [Record<string, string>, RegExp][] = [
      [{ Accept: "application/json;q=0" }, /^text\/html/],
      [{ Accept: "application/json;q=0, */*;q=0.1" }, /^text\/html/],
      [{ Accept: "text/html;q=0.1, application/json" }, /^application\/json/],
      [{ Accept: "application/json;q=0.4, text/html;q=0.5" }, /^text\/html/],
      [{ Accept: "application/*" }, /^application\/json/],
      [{ Accept: "application/json; charset=utf-8" }, /^application\/json/],
      [{}, /^text\/html/],
    ];
    for (const [headers, type] of cases) {
      const response = await get(path, headers);
      expect(response.status, JSON.stringify(headers)).toBe(200);
      expect(response.headers.get("content-type"), JSON.stringify(headers)).toMatch(type);
      expect(varies(response)).toContain("accept");
    }
  });
});
