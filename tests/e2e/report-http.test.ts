import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { describe, expect, inject, it } from "vitest";
import { formatWait } from "@/lib/evidence/format";
import { demoSecret } from "@/prisma/seed/demo-content";
import { baseUrl } from "../support/browser";
import { demoBlock, demoReportPath, freshClient, randomSecret, withAppDb, withoutNonces } from "../support/demo-links";

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${baseUrl()}${path}`, { headers: { "X-Forwarded-For": freshClient(), ...headers }, redirect: "manual" });

/* Headers whose values legitimately differ between two responses. */
const VARYING = new Set(["date", "content-security-policy"]);
const headerSet = (response: Response) =>
  [...response.headers.entries()]
    .filter(([name]) => !VARYING.has(name))
    .map(([name, value]) => `${name}: ${value}`)
    .sort();

function expectReportHeaders(response: Response) {
  const csp = response.headers.get("content-security-policy") ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"])
    expect(csp).toContain(directive);
  expect(csp).not.toMatch(/https?:|unsafe-inline|unsafe-eval/);
  expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  expect(response.headers.get("cache-control")).toMatch(/private/);
  expect(response.headers.get("cache-control")).toMatch(/no-store/);
  expect(response.headers.get("x-robots-tag")).toMatch(/noindex/);
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
}

describe("report link responses", () => {
  it("serves a demo report with strict security headers and a per-response nonce", async () => {
    const first = await get(demoReportPath("abuse-active"));
    const second = await get(demoReportPath("abuse-active"));
    expect(first.status).toBe(200);
    expectReportHeaders(first);
    const body = await first.text();
    const nonce = /'nonce-([^']+)'/.exec(first.headers.get("content-security-policy") ?? "")?.[1];
    expect(body).toContain(`nonce="${nonce}"`);
    expect(second.headers.get("content-security-policy")).not.toBe(first.headers.get("content-security-policy"));
  });

  it("answers an unknown id, a wrong secret and malformed parameters with the same 404, byte for byte", async () => {
    const { publicId } = demoBlock("abuse-active");
    const variants = [
      `/?id=ffffffffffffffffffff&auth=${demoSecret(publicId)}`,
      `/?id=${publicId}&auth=${randomSecret()}`,
      `/?id=${publicId}&auth=${demoSecret(demoBlock("spam-review").publicId)}`,
      `/?id=not-an-id&auth=%3Cscript%3E`,
      `/?id=${publicId}`,
      `/?auth=${randomSecret()}&id=${publicId}&id=${publicId}`,
    ];
    const responses = await Promise.all(variants.map((path) => get(path)));
    const bodies = await Promise.all(responses.map(async (r) => withoutNonces(await r.text())));
    for (const [index, response] of responses.entries()) {
      expect(response.status, variants[index]).toBe(404);
      expectReportHeaders(response);
      expect(headerSet(response)).toEqual(headerSet(responses[0]!));
      expect(bodies[index]).toBe(bodies[0]);
    }
    expect(bodies[0]).toContain("Report not found");
    expect(bodies[0]).not.toContain(publicId);
    expect(bodies[0]).not.toContain(demoSecret(publicId));
  });

  it("answers a rotated secret with 410, and the current secret still works", async () => {
    const block = demoBlock("spam-expiring");
    const rotated = randomSecret();
    await withAppDb((db) =>
      db.query(
        "INSERT INTO retired_secret (secret_digest, block_id, account_id) SELECT $1, id, account_id FROM block WHERE public_id = $2",
        [createHash("sha256").update(rotated).digest(), block.publicId],
      ),
    );
    const gone = await get(`/?id=${block.publicId}&auth=${rotated}`);
    expect(gone.status).toBe(410);
    expectReportHeaders(gone);
    const page = await gone.text();
    expect(page).toContain("This report link was replaced");
    // It leads somewhere other than back here: to the account owner, who has the new link, or to
    // compliance with the report's number, the one thing the page names that the URL did not hide.
    expect(page).toContain("Ask them for the new one");
    expect(page).toContain(
      `<a class="link" href="mailto:compliance@example.net?subject=Report%20${block.publicId}%3A%20link%20replaced">compliance@example.net</a> and quote report <span class="mono">${block.publicId}</span>`,
    );
    expect(page).toContain("Please do not send again to get a new bounce message");
    expect(page).not.toContain("Find your report");
    expect(page).not.toContain("most recent bounce");
    expect(page).not.toContain(rotated);
    expect(page).not.toContain(demoSecret(block.publicId));
    // A malformed id handed to the page directly is not repeated.
    const direct = await get("/report-error/410", { "x-replaced-report-id": "<b>not-an-id</b>" });
    expect(direct.status).toBe(410);
    const directPage = await direct.text();
    expect(directPage).not.toContain("not-an-id");
    expect(directPage).toContain("quote the report number (the part after id= in this link)");
    const json = await get(`/?id=${block.publicId}&auth=${rotated}`, { Accept: "application/json" });
    expect(json.status).toBe(410);
    expect(await json.json()).toEqual({ error: { code: "GONE", message: expect.any(String) } });
    expect((await get(demoReportPath("spam-expiring"))).status).toBe(200);
  });

  it("shows an expired and a lifted report with its current secret (200, outcome at the top)", async () => {
    for (const key of ["rate-expired", "combined-lifted"]) {
      const response = await get(demoReportPath(key));
      expect(response.status).toBe(200);
      expect(await response.text()).toMatch(/accepted again/);
    }
  });

  it("returns the report as JSON for Accept: application/json, under the same rules", async () => {
    const response = await get(demoReportPath("spam-review"), { Accept: "application/json" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toMatch(/no-store/);
    expect(response.headers.get("vary")).toMatch(/Accept/i);
    const json = await response.json();
    expect(json.report).toMatchObject({
      publicId: demoBlock("spam-review").publicId,
      status: "UNDER_REVIEW",
      reason: "SPAM",
      latestAppeal: { reference: "A-7K3F9Q", status: "OPEN" },
    });
    expect(json.summary).toMatch(/^Spam content: /);
    expect(json.remediation.steps.length).toBeGreaterThan(1);
    expect(json.report.evidence.length).toBeGreaterThan(0);

    const misses = await Promise.all([
      get(`/?id=ffffffffffffffffffff&auth=${randomSecret()}`, { Accept: "application/json" }),
      get(`/?id=${demoBlock("spam-review").publicId}&auth=${randomSecret()}`, { Accept: "application/json" }),
      get(`/?id=bad&auth=bad`, { Accept: "application/json" }),
    ]);
    const bodies = await Promise.all(misses.map((r) => r.text()));
    for (const [i, miss] of misses.entries()) {
      expect(miss.status).toBe(404);
      expect(bodies[i]).toBe(bodies[0]);
      expect(headerSet(miss)).toEqual(headerSet(misses[0]!));
    }
  });

  it("rate-limits repeated misses from one client with 429 and Retry-After, the same for any id", async () => {
    const client = freshClient();
    // A new address written in front of the proxy's hop each time changes nothing.
    const miss = (id: string) =>
      get(`/?id=${id}&auth=${randomSecret()}`, { "X-Forwarded-For": `${freshClient()}, ${client}` });
    for (let i = 0; i < 20; i++) expect((await miss("ffffffffffffffffffff")).status).toBe(404);
    const limited = await Promise.all([miss("ffffffffffffffffffff"), miss(demoBlock("abuse-active").publicId)]);
    const bodies = await Promise.all(limited.map(async (r) => withoutNonces(await r.text())));
    for (const [index, response] of limited.entries()) {
      expect(response.status).toBe(429);
      const retryAfter = Number(response.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(600);
      // The page says how long in words, the header's own number: "Wait 10 minutes", not "a few".
      expect(bodies[index]).toContain(`Wait ${formatWait(retryAfter)}, then open the link`);
      expectReportHeaders(response);
    }
    expect(bodies[1]).toBe(bodies[0]);
    // Only misses are limited: the right link still opens for the same client.
    expect((await get(demoReportPath("abuse-active"), { "X-Forwarded-For": client })).status).toBe(200);
    expect((await get(`/?id=ffffffffffffffffffff&auth=${randomSecret()}`)).status).toBe(404);
  });

  it("changes nothing in the database when a report is viewed, however often", async () => {
    const { publicId } = demoBlock("abuse-active");
    const snapshot = () =>
      withAppDb(async (db) => {
        const { rows } = await db.query(
          `SELECT b.updated_at, b.status, b.attempt_count,
                  (SELECT count(*) FROM event e WHERE e.block_id = b.id) AS events,
                  (SELECT max(e.id) FROM event e WHERE e.block_id = b.id) AS last_event,
                  (SELECT count(*) FROM appeal a WHERE a.block_id = b.id) AS appeals,
                  (SELECT count(*) FROM compliance_case c WHERE c.block_id = b.id) AS cases,
                  (SELECT count(*) FROM outbox_message) AS outbox
           FROM block b WHERE b.public_id = $1`,
          [publicId],
        );
        return rows[0];
      });
    const before = await snapshot();
    for (const accept of ["text/html", "text/html", "application/json"]) {
      expect((await get(demoReportPath("abuse-active"), { Accept: accept })).status).toBe(200);
    }
    await fetch(`${baseUrl()}${demoReportPath("abuse-active")}`, { method: "HEAD" });
    expect(await snapshot()).toEqual(before);
  });

  it("gives Next's own 308 for a link with a slash too many no-store and no-referrer, as it gives every answer", async () => {
    // Next collapses `//` and drops a trailing slash itself, before proxy.ts and next.config.mjs's
    // headers(); its redirect keeps the query, so the secret is in Location.
    for (const [path, location] of [
      [`/${demoReportPath("abuse-active")}`, demoReportPath("abuse-active")],
      ["/staff/", "/staff"],
      ["/staff//queue?status=OPEN", "/staff/queue?status=OPEN"],
    ] as const) {
      const response = await get(path);
      expect(response.status, path).toBe(308);
      expect(response.headers.get("location"), path).toBe(location);
      expect(response.headers.get("cache-control"), path).toBe("no-store");
      expect(response.headers.get("referrer-policy"), path).toBe("no-referrer");
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(response.headers.get("x-frame-options"), path).toBe("DENY");
    }
    // The report itself still answers with its own headers.
    expectReportHeaders(await get(demoReportPath("abuse-active")));
  });

  it("never writes a report secret to the server log", async () => {
    const canary = `CANARY${randomSecret().slice(0, 30)}`;
    const { publicId } = demoBlock("abuse-active");
    await get(`/?id=${publicId}&auth=${canary}`);
    await get(`/?id=${publicId}&auth=${canary}`, { Accept: "application/json" });
    await get(`/?id=bad&auth=${canary}`);
    await get(`/?id=${publicId}&auth=${canary}&x=${"%".repeat(3)}`);
    await get(demoReportPath("abuse-active"));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const log = await readFile(inject("appLogPath"), "utf8");
    expect(log).toContain("report_link_miss");
    expect(log).not.toContain(canary);
    expect(log).not.toContain(demoSecret(publicId));
  });
});
