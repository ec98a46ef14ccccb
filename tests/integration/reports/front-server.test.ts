import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { NextHandler } from "@/lib/front-server/fast-path";
import { FAST_PATHS } from "@/lib/front-server/fast-paths";
import { createFrontHandler } from "@/lib/front-server/front-handler";
import { RENDER_SLOT_MAX_MS, RENDERS_AT_ONCE } from "@/lib/report-cache/serve-report-view";
import {
  CHECKED_RENDER_HEADER,
  checkedLinkOutcome,
  checkedRenderIsGenuine,
  renderSubmissionId,
  runWithCheckedLink,
  type LinkOutcome,
} from "@/lib/http/link-check-handoff";
import { contentSecurityPolicy, createNonce } from "@/lib/http/security-headers";
import { readReportRequest } from "@/lib/reports/report-request";
import { config as proxyConfig, proxy } from "@/proxy";
import { createAccount, createBlock, createSmtpUser } from "../../support/factories";

/*
 * The front server in front of a stand-in for Next that renders like the report page (a
 * nonce from its CSP header, the submission id it was handed) and records what the front server
 * handed it. Counts the database statements each kind of view costs. The real app, with
 * Next behind the front server, is covered by tests/e2e/report-cache.test.ts.
 */

let server: Server;
let base: string;
const renders: { outcome: LinkOutcome | undefined }[] = [];
// The request headers Next was handed for the last render.
let handedHeaders: IncomingHttpHeaders = {};
// Renders in Next at this moment, the most seen at once, and a gate a test may hold them at.
const concurrency = { now: 0, most: 0, gate: Promise.resolve() };

const fakeNext: NextHandler = async (req, res) => {
  const link = readReportRequest(new URL(req.url ?? "/", "http://x").searchParams);
  renders.push({ outcome: link.kind === "link" ? checkedLinkOutcome(link) : undefined });
  handedHeaders = { ...req.headers };
  concurrency.most = Math.max(concurrency.most, ++concurrency.now);
  await new Promise((resolve) => setTimeout(resolve, 20)); // rendering takes a while
  await concurrency.gate;
  concurrency.now -= 1;
  // Next takes the nonce from the request's CSP header; where the front server gave none, this
  // stands in for proxy.ts too.
  const nonce = /'nonce-([^']+)'/.exec(String(req.headers["content-security-policy"] ?? ""))?.[1] ?? createNonce();
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  if (!res.hasHeader("Content-Security-Policy")) res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce));
  res.end(
    `<html><script nonce="${nonce}"></script><input name="submissionId" value="${renderSubmissionId()}"/>render ${renders.length}</html>`,
  );
};

async function newLink() {
  const accountId = (await createAccount()).id;
  const { block, secret } = await createBlock({ accountId, smtpUserId: (await createSmtpUser(accountId)).id });
  return { publicId: block.publicId, secret, path: `/?id=${block.publicId}&auth=${secret}` };
}

const get = (path: string, headers: Record<string, string> = {}) => fetch(base + path, { headers });
const countStatements = () => vi.spyOn(pg.Client.prototype, "query");

beforeAll(async () => {
  const handle = createFrontHandler(fakeNext, FAST_PATHS);
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await get((await newLink()).path); // connects the view pool: connecting is not a round trip we count
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  renders.length = 0;
  Object.assign(concurrency, { now: 0, most: 0, gate: Promise.resolve() });
});
afterEach(() => vi.restoreAllMocks());

describe("database round trips of a report view through the front server", () => {
  it("a rendered view: one statement here, and the outcome handed to the proxy; a cached view: one statement", async () => {
    const { path } = await newLink();
    const statements = countStatements();
    const first = await get(path);
    expect(first.headers.get("x-report-cache")).toBe("miss");
    expect(renders).toEqual([{ outcome: "found" }]);
    expect(statements).toHaveBeenCalledTimes(1);
    const second = await get(path);
    expect(second.headers.get("x-report-cache")).toBe("hit");
    expect(renders).toHaveLength(1);
    expect(statements).toHaveBeenCalledTimes(2);
  });

  it("a wrong secret: one statement, and Next told it matched nothing", async () => {
    const { publicId } = await newLink();
    const statements = countStatements();
    await get(`/?id=${publicId}&auth=${randomBytes(32).toString("base64url")}`);
    expect(renders).toEqual([{ outcome: "not_found" }]);
    expect(statements).toHaveBeenCalledTimes(1);
  });

  it("JSON, the find page and malformed links go to Next untouched, with nothing checked", async () => {
    const { path } = await newLink();
    const statements = countStatements();
    await get(path, { Accept: "application/json" });
    await get("/");
    await get("/?id=nope&auth=nope");
    expect(renders).toEqual([{ outcome: undefined }, { outcome: undefined }, { outcome: undefined }]);
    expect(statements).not.toHaveBeenCalled();
  });

  it("renders a burst of first views of one link once", async () => {
    const { path } = await newLink();
    const responses = await Promise.all(Array.from({ length: 12 }, () => get(path)));
    expect(responses.map((response) => response.status)).toEqual(Array(12).fill(200));
    expect(renders).toHaveLength(1);
    const bodies = await Promise.all(responses.map((response) => response.text()));
    expect(new Set(bodies.map((body) => /value="([^"]+)"/.exec(body)?.[1])).size).toBe(12);
  });

  it(`renders at most ${RENDERS_AT_ONCE} views at once; the others wait their turn and are all answered`, async () => {
    const { path } = await newLink();
    const views = RENDERS_AT_ONCE * 3;
    const responses = await Promise.all(Array.from({ length: views }, (_, n) => get(`${path}&n=${n}`)));
    expect(responses.map((response) => response.status)).toEqual(Array(views).fill(200));
    expect(renders).toHaveLength(views);
    expect(concurrency.most).toBe(RENDERS_AT_ONCE);
  });

  it(`gives a slot back after ${RENDER_SLOT_MAX_MS} ms, so renders that never finish cannot stop the next one`, async () => {
    const { path } = await newLink();
    let open!: () => void;
    concurrency.gate = new Promise<void>((resolve) => (open = resolve));
    const stuck = Array.from({ length: RENDERS_AT_ONCE }, (_, n) => get(`${path}&stuck=${n}`));
    await vi.waitFor(() => expect(concurrency.now).toBe(RENDERS_AT_ONCE));
    const started = Date.now();
    const nextView = get(`${path}&next=1`);
    await vi.waitFor(() => expect(renders).toHaveLength(RENDERS_AT_ONCE + 1), { timeout: RENDER_SLOT_MAX_MS * 3 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(RENDER_SLOT_MAX_MS - 50); // it waited for a slot first
    expect(concurrency.now).toBe(RENDERS_AT_ONCE + 1); // the stuck ones are still rendering
    open();
    expect((await Promise.all([...stuck, nextView])).map((response) => response.status)).toEqual(
      Array(RENDERS_AT_ONCE + 1).fill(200),
    );
  });

  it("does not render a view whose client left while it waited, and a cached view never waits", async () => {
    const { path } = await newLink();
    await get(path); // cached now
    let open!: () => void;
    concurrency.gate = new Promise<void>((resolve) => (open = resolve));
    const held = Array.from({ length: RENDERS_AT_ONCE }, (_, n) => get(`${path}&held=${n}`));
    await vi.waitFor(() => expect(concurrency.now).toBe(RENDERS_AT_ONCE));
    const leaving = new AbortController();
    const left = fetch(`${base}${path}&left=1`, { signal: leaving.signal }).catch((error: unknown) => error);
    const cached = await get(path);
    expect(cached.headers.get("x-report-cache")).toBe("hit");
    leaving.abort();
    expect(await left).toBeInstanceOf(Error);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the server sees the socket close
    open();
    expect((await Promise.all(held)).map((response) => response.status)).toEqual(Array(RENDERS_AT_ONCE).fill(200));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(renders).toHaveLength(1 + RENDERS_AT_ONCE); // the first view and the held ones: never the one that left
  });
});

describe("a found link goes to Next without proxy.ts", () => {
  const forged = { [CHECKED_RENDER_HEADER]: "forged", "x-report-link": "?id=x&auth=y", "x-retry-after": "9" };

  it("marked as checked, with the proxy's nonce, CSP and report headers, and none of the client's own", async () => {
    const { path } = await newLink();
    const response = await get(path, forged);
    expect(response.status).toBe(200);
    expect(handedHeaders[CHECKED_RENDER_HEADER]).toBe("1");
    expect(handedHeaders["x-report-link"]).toBeUndefined();
    expect(handedHeaders["x-retry-after"]).toBeUndefined();
    const nonce = handedHeaders["x-nonce"];
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(handedHeaders["content-security-policy"]).toBe(contentSecurityPolicy(nonce as string));
    expect(response.headers.get("content-security-policy")).toBe(handedHeaders["content-security-policy"]);
    expect(response.headers.get("x-robots-tag")).toBe("noindex, nofollow");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(await response.text()).toContain(`nonce="${nonce}"`);
  });

  it("a miss, and every other request, reaches Next unmarked even when the client marked it", async () => {
    const { publicId } = await newLink();
    await get(`/?id=${publicId}&auth=${randomBytes(32).toString("base64url")}`, forged);
    expect(renders.at(-1)).toEqual({ outcome: "not_found" });
    expect(handedHeaders[CHECKED_RENDER_HEADER]).toBeUndefined();
    await get("/", forged);
    expect(handedHeaders[CHECKED_RENDER_HEADER]).toBeUndefined();
  });

  it("proxy.ts's matcher skips exactly the marked request (the name is a literal there)", () => {
    expect(proxyConfig.matcher[0]).toEqual({ source: "/", missing: [{ type: "header", key: CHECKED_RENDER_HEADER }] });
  });

  it("the page believes the mark only with the front server's outcome for that very link", async () => {
    const link = await newLink();
    const marked = new Headers({ [CHECKED_RENDER_HEADER]: "1" });
    expect(checkedRenderIsGenuine(new Headers(), link)).toBe(true);
    expect(checkedRenderIsGenuine(marked, link)).toBe(false);
    expect(runWithCheckedLink({ ...link, outcome: "found" }, () => checkedRenderIsGenuine(marked, link))).toBe(true);
    const other = await newLink();
    expect(runWithCheckedLink({ ...other, outcome: "found" }, () => checkedRenderIsGenuine(marked, link))).toBe(false);
    expect(runWithCheckedLink({ ...link, outcome: "gone" }, () => checkedRenderIsGenuine(marked, link))).toBe(false);
  });
});

describe("proxy.ts with the front server's outcome", () => {
  const route = async (outcome: LinkOutcome | undefined, link: { publicId: string; secret: string }) => {
    const request = new NextRequest(`http://localhost/?id=${link.publicId}&auth=${link.secret}`, {
      headers: { "x-forwarded-for": `203.0.113.${randomBytes(1)[0]}` },
    });
    const response = await (outcome ? runWithCheckedLink({ ...link, outcome }, () => proxy(request)) : proxy(request));
    return response.headers.get("x-middleware-rewrite");
  };

  it("takes the outcome instead of checking the link again; only a miss costs its rate-limit write", async () => {
    const link = await newLink();
    const statements = countStatements();
    expect(await route("found", link)).toBeNull();
    expect(await route("gone", link)).toMatch(/\/report-error\/410$/);
    expect(statements).not.toHaveBeenCalled();
    expect(await route("not_found", link)).toMatch(/\/report-error\/404$/);
    expect(statements).toHaveBeenCalledTimes(1);
  });

  it("checks the link itself without an outcome, or with one for another link", async () => {
    const link = await newLink();
    const statements = countStatements();
    expect(await route(undefined, link)).toBeNull();
    expect(statements).toHaveBeenCalledTimes(1);
    const request = new NextRequest(`http://localhost${link.path}`);
    const other = await newLink();
    statements.mockClear();
    const response = await runWithCheckedLink(
      { publicId: other.publicId, secret: other.secret, outcome: "not_found" },
      () => proxy(request),
    );
    expect(response.headers.get("x-middleware-rewrite")).toBeNull();
    expect(statements).toHaveBeenCalledTimes(1);
  });
});

describe("the client address behind the front server", () => {
  async function seenByNext(trustedHops: number, headers: Record<string, string>) {
    const echo: NextHandler = async (req, res) => {
      res.end(
        JSON.stringify({
          forwardedFor: req.headers["x-forwarded-for"] ?? null,
          realIp: req.headers["x-real-ip"] ?? null,
        }),
      );
    };
    const front = createServer((req, res) => void createFrontHandler(echo, [], trustedHops)(req, res));
    await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(front.address() as AddressInfo).port}/`, { headers });
      return (await response.json()) as { forwardedFor: string | null; realIp: string | null };
    } finally {
      await new Promise((resolve) => front.close(resolve));
    }
  }

  it("with no proxy in front, is the connection's address, whatever the client claims", async () => {
    await expect(seenByNext(0, { "X-Forwarded-For": "203.0.113.9", "X-Real-IP": "198.51.100.1" })).resolves.toEqual({
      forwardedFor: "127.0.0.1",
      realIp: null,
    });
  });

  it("behind one proxy, is the hop that proxy appended, not one the client wrote before it", async () => {
    await expect(seenByNext(1, { "X-Forwarded-For": "203.0.113.9, 198.51.100.4" })).resolves.toEqual({
      forwardedFor: "198.51.100.4",
      realIp: null,
    });
    await expect(seenByNext(1, {})).resolves.toEqual({ forwardedFor: "127.0.0.1", realIp: null });
  });
});
