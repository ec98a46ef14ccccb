import net from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { baseUrl, chromiumAvailable, launchBrowser } from "../../support/browser";
import { signedInContext, createOwnedAccount } from "./account-support";

/*
 * The owner's CSV export against a client that opens a download and stops reading, through
 * HTTP as an attacker would: found by a probe, where two such downloads of one account held
 * both of the export's database connections and another account's export hung with only its
 * header line until they were closed.
 */

/** Clones the account's one block `count` times as ended blocks, newest first, in one statement. */
async function manyBlocks(blockId: string, count: number) {
  process.env.DATABASE_URL = inject("appDatabaseUrl");
  const { getDb } = await import("@/lib/db/client");
  await getDb().$executeRaw`
    INSERT INTO block (public_id, secret_digest, account_id, smtp_user_id, sender_address, reason, spam_score,
                       abuse_score, rate_score, combined_score, threshold, status, smtp_reply, ended_at, created_at)
    SELECT substr(encode(sha256(convert_to(b.id::text || g, 'UTF8')), 'hex'), 1, 20),
           sha256(convert_to(b.id::text || '/' || g, 'UTF8')),
           b.account_id, b.smtp_user_id, b.sender_address, b.reason, b.spam_score, b.abuse_score, b.rate_score,
           b.combined_score, b.threshold, 'EXPIRED', b.smtp_reply, b.created_at - g * interval '1 minute',
           b.created_at - g * interval '1 minute' - interval '1 hour'
      FROM block b, generate_series(1, ${count}::int) g
     WHERE b.id = ${blockId}::uuid`;
}

async function sessionCookie(browser: Browser, email: string): Promise<string> {
  const context = await signedInContext(browser, email);
  const cookies = await context.cookies();
  await context.close();
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

/** A download that is opened and never read: the socket is paused as soon as the request is sent. */
function stalledDownload(cookie: string): Promise<net.Socket> {
  const { hostname, port } = new URL(baseUrl());
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(`GET /account/blocks/export HTTP/1.1\r\nHost: ${hostname}:${port}\r\nCookie: ${cookie}\r\n\r\n`);
      socket.pause();
      resolve(socket);
    });
    socket.on("error", reject);
  });
}

describe.runIf(chromiumAvailable())("the history export when a client stops reading", () => {
  let browser: Browser;
  const sockets: net.Socket[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await browser?.close();
  });

  it("runs one download per account at a time, keeps no other account waiting, and frees the slot when the client goes", async () => {
    const a = await createOwnedAccount();
    const b = await createOwnedAccount();
    // About 9 MB of CSV: far more than the sockets' buffers, so the server is left holding it.
    await manyBlocks(a.block.id, 50_000);
    const [cookieA, cookieB] = await Promise.all([
      sessionCookie(browser, a.owner.email),
      sessionCookie(browser, b.owner.email),
    ]);
    const exportAs = (cookie: string) =>
      fetch(`${baseUrl()}/account/blocks/export`, { headers: { cookie }, signal: AbortSignal.timeout(20_000) });

    sockets.push(await stalledDownload(cookieA));
    await new Promise((resolve) => setTimeout(resolve, 1000)); // the server has filled the buffers

    // A second download of the same account is told to wait, at once, before any row is read.
    const second = await exportAs(cookieA);
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toBe("15");
    await expect(second.text()).resolves.toMatch(/^An export of this account is already being downloaded\. Wait until/);
    // A browser that follows the history's "Download CSV" is sent back to the history, which says
    // so beside the button (and keeps the filters).
    const clicked = await fetch(`${baseUrl()}/account/blocks/export?status=EXPIRED`, {
      headers: { cookie: cookieA, accept: "text/html,application/xhtml+xml" },
      redirect: "manual",
    });
    expect(clicked.status).toBe(303);
    const back = clicked.headers.get("location")!;
    expect(back).toBe("/account/blocks?status=EXPIRED&export=busy#export-busy");
    const history = await (await fetch(`${baseUrl()}${back}`, { headers: { cookie: cookieA } })).text();
    expect(history).toContain('id="export-busy"');
    expect(history).toContain("An export of this account is already being downloaded.");
    // A second stalled socket of A gets the same answer and holds nothing either.
    sockets.push(await stalledDownload(cookieA));

    // Another account's export is not kept waiting by A's stalled download.
    const started = performance.now();
    const other = await exportAs(cookieB);
    expect(other.status).toBe(200);
    const csv = await other.text();
    expect(csv).toContain(`${b.block.publicId},`);
    expect(csv.trimEnd().split("\r\n")).toHaveLength(2); // the header and B's one block
    expect(performance.now() - started).toBeLessThan(10_000);

    // A's client goes away: the download ends, and A can download again.
    for (const socket of sockets.splice(0)) socket.destroy();
    await expect
      .poll(async () => (await exportAs(cookieA).then((r) => r.body?.cancel().then(() => r.status))) ?? 0, {
        timeout: 10_000,
        interval: 250,
      })
      .toBe(200);
  });
});
