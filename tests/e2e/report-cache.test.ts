import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { baseUrl } from "../support/browser";
import { freshClient, randomSecret, withAppDb, withoutNonces } from "../support/demo-links";
import { askForInformation, createReport } from "./sender-actions/app-data";

/*
 * The front server's page cache (lib/report-cache) in the app as `npm start` serves it.
 * Each test makes its own report, so what it changes is seen by no other test.
 */

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${baseUrl()}${path}`, { headers: { "X-Forwarded-For": freshClient(), ...headers }, redirect: "manual" });

const SUBMISSION_ID = /name="submissionId" value="([0-9a-f-]{36})"/;
const cspNonce = (response: Response) =>
  /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
const normalised = (body: string) => {
  const id = SUBMISSION_ID.exec(body)?.[1];
  return withoutNonces(id ? body.split(id).join("SUBMISSION-ID") : body);
};

/* Headers that differ between two answers by design: time, nonce, cache state, framing. */
const PER_RESPONSE = new Set([
  "date",
  "content-security-policy",
  "x-report-cache",
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "connection",
  "keep-alive",
]);
const stableHeaders = (response: Response) =>
  [...response.headers.entries()]
    .filter(([name]) => !PER_RESPONSE.has(name))
    .map(([name, value]) => `${name}: ${withoutNonces(value.replace(/nonce="[^"]*"/g, 'nonce="NONCE"'))}`)
    .sort();

async function view(path: string, headers: Record<string, string> = {}) {
  const response = await get(path, headers);
  return { response, body: await response.text(), state: response.headers.get("x-report-cache") };
}

async function cachedReport() {
  const report = await createReport();
  const first = await view(report.path);
  expect(first.response.status).toBe(200);
  return { ...report, first };
}

describe("the report page cache", () => {
  it("serves a second view from the cache, identical to the first apart from nonce and submission id", async () => {
    const { path, first } = await cachedReport();
    const second = await view(path);
    expect([first.state, second.state]).toEqual(["miss", "hit"]);
    expect(normalised(second.body)).toBe(normalised(first.body));
    expect(stableHeaders(second.response)).toEqual(stableHeaders(first.response));
    expect(second.body).not.toBe(first.body);
  });

  it("gives every response a fresh nonce that matches its own CSP header, and a fresh submission id", async () => {
    const { path, first } = await cachedReport();
    const views = [first, ...(await Promise.all([1, 2, 3, 4].map(() => view(path))))];
    for (const { response, body } of views) {
      const nonce = cspNonce(response);
      const inPage = new Set([...body.matchAll(/nonce="([^"]*)"/g)].map((match) => match[1]));
      expect(inPage).toEqual(new Set([nonce]));
      expect(response.headers.get("link")).toContain(`nonce="${nonce}"`);
    }
    expect(new Set(views.map(({ response }) => cspNonce(response))).size).toBe(views.length);
    expect(new Set(views.map(({ body }) => SUBMISSION_ID.exec(body)?.[1])).size).toBe(views.length);
  });

  it("renders a found link without proxy.ts, with the same headers; a client cannot claim that itself", async () => {
    // The first view's headers come from the front server (proxy.ts skipped, CHECKED_RENDER_HEADER),
    // the second from the cache: the same set, as proxy.ts gave them before.
    const { path, first } = await cachedReport();
    expect(first.response.headers.get("x-robots-tag")).toBe("noindex, nofollow");
    expect(first.response.headers.get("cache-control")).toBe("private, no-store");
    expect(first.response.headers.get("vary")).toMatch(/\bAccept\b/);
    // The mark a client sends is removed before Next sees the request: a wrong secret still
    // goes through proxy.ts, gets its 404 and counts towards the client's miss limit.
    const client = freshClient();
    const claim = { "x-block-reports-checked-render": "1", "X-Forwarded-For": client };
    for (let i = 0; i < 20; i++)
      expect((await get(`/?id=ffffffffffffffffffff&auth=${randomSecret()}`, claim)).status).toBe(404);
    expect((await get(`/?id=ffffffffffffffffffff&auth=${randomSecret()}`, claim)).status).toBe(429);
    // ...and a right one is rendered with its own nonce, as always.
    const claimed = await view(`${path}&claimed=1`, { "x-block-reports-checked-render": "1" });
    expect(claimed.response.status).toBe(200);
    expect(claimed.body).toContain(`nonce="${cspNonce(claimed.response)}"`);
  });

  it("sends the same page gzip-encoded or plain, as the client accepts", async () => {
    const { path } = await cachedReport();
    const gzip = await view(path, { "Accept-Encoding": "gzip" });
    const plain = await view(path, { "Accept-Encoding": "identity" });
    expect([gzip.state, plain.state]).toEqual(["hit", "hit"]);
    expect(gzip.response.headers.get("content-encoding")).toBe("gzip");
    expect(plain.response.headers.get("content-encoding")).toBeNull();
    expect(gzip.response.headers.get("vary")).toMatch(/Accept-Encoding/i);
    expect(normalised(gzip.body)).toBe(normalised(plain.body));
  });

  it("answers HEAD from the cache with the page's headers and no body; a wrong secret still gets 404", async () => {
    const { path, block, first } = await cachedReport();
    const head = await fetch(`${baseUrl()}${path}`, { method: "HEAD", headers: { "Accept-Encoding": "identity" } });
    expect(head.status).toBe(200);
    expect(head.headers.get("x-report-cache")).toBe("hit");
    expect(Number(head.headers.get("content-length"))).toBe(Buffer.byteLength(first.body));
    expect(stableHeaders(head)).toEqual(stableHeaders(first.response));
    expect(await head.text()).toBe("");
    const wrong = await fetch(`${baseUrl()}/?id=${block.publicId}&auth=${randomSecret()}`, {
      method: "HEAD",
      headers: { "X-Forwarded-For": freshClient() },
    });
    expect(wrong.status).toBe(404);
  });

  it("shows a change in the database on the very next view", async () => {
    const { path, block, first } = await cachedReport();
    expect((await view(path)).state).toBe("hit");
    await withAppDb((db) =>
      db.query(
        `INSERT INTO event (block_id, account_id, type, actor_type, data) SELECT id, account_id, 'ESCALATED', 'RELAY', '{"level": 2, "attempts": 77}' FROM block WHERE id = $1`,
        [block.id],
      ),
    );
    const escalated = await view(path);
    expect(escalated.state).toBe("miss");
    expect(first.body).not.toContain("after 77 refused attempts");
    expect(escalated.body).toContain("after 77 refused attempts");
    // A change no event records (the staff console's question) counts too.
    await withAppDb((db) =>
      db.query(
        `INSERT INTO appeal (reference, block_id, account_id, contact_email, explanation, traffic_stopped) SELECT $2, id, account_id, 'ops@example.org', 'We stopped the campaign and removed the list.', true FROM block WHERE id = $1`,
        [block.id, `A-${randomBytes(3).toString("hex").toUpperCase()}`],
      ),
    );
    expect((await view(path)).body).toMatch(/Review requested/);
    await askForInformation(block.id, "Which list did the campaign use?");
    const asked = await view(path);
    expect(asked.state).toBe("miss");
    expect(asked.body).toContain("Which list did the campaign use?");
  });

  it("answers a wrong secret for a cached report with the same 404 as any other miss", async () => {
    const { block } = await cachedReport();
    const misses = await Promise.all([
      get(`/?id=${block.publicId}&auth=${randomSecret()}`),
      get(`/?id=ffffffffffffffffffff&auth=${randomSecret()}`),
    ]);
    const bodies = await Promise.all(misses.map(async (response) => withoutNonces(await response.text())));
    expect(misses.map((response) => response.status)).toEqual([404, 404]);
    expect(bodies[0]).toBe(bodies[1]);
    expect(stableHeaders(misses[0]!)).toEqual(stableHeaders(misses[1]!));
    expect(misses[0]!.headers.get("x-report-cache")).toBeNull();
  });

  it("answers a rotated secret with 410 even though its page was cached", async () => {
    const { path, block } = await cachedReport();
    expect((await view(path)).state).toBe("hit");
    const secret = randomSecret();
    await withAppDb(async (db) => {
      await db.query(
        "INSERT INTO retired_secret (secret_digest, block_id, account_id) SELECT secret_digest, id, account_id FROM block WHERE id = $1",
        [block.id],
      );
      await db.query("UPDATE block SET secret_digest = $2 WHERE id = $1", [
        block.id,
        createHash("sha256").update(secret).digest(),
      ]);
    });
    const rotated = await view(path);
    expect(rotated.response.status).toBe(410);
    expect(rotated.body).toContain("This report link was replaced");
    expect((await view(`/?id=${block.publicId}&auth=${secret}`)).response.status).toBe(200);
  });

  it("never answers JSON or a client-side navigation (RSC) from the HTML cache", async () => {
    const { path } = await cachedReport();
    const json = await get(path, { Accept: "application/json" });
    expect(json.headers.get("content-type")).toMatch(/^application\/json/);
    expect(json.headers.get("x-report-cache")).toBeNull();
    expect((await json.json()).report.events.length).toBeGreaterThan(0);
    // Next redirects an RSC request without its cache-busting `_rsc` parameter to one with it.
    const rsc = await fetch(`${baseUrl()}${path}`, { headers: { RSC: "1", "X-Forwarded-For": freshClient() } });
    expect(rsc.status).toBe(200);
    expect(rsc.headers.get("content-type")).toMatch(/text\/x-component/);
    expect(rsc.headers.get("x-report-cache")).toBeNull();
  });
});
