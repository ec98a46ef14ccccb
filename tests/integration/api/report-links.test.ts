import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postRotation } from "@/app/api/v1/blocks/[id]/link/route";
import { GET, POST } from "@/app/api/v1/blocks/route";
import { getDb } from "@/lib/db/client";
import { rotateReportLink } from "@/lib/data/blocks";
import { getReportByLink } from "@/lib/reports/data/get-report";
import { digestSecret, sealingKeyFrom, sealSecret } from "@/lib/report-link";
import { DEMO_BLOCKS, DEMO_SMTP_USERS } from "@/prisma/seed/demo-content";
import { seedDemoData } from "@/prisma/seed/seed-demo";
import { createAccount, createSmtpUser } from "../../support/factories";
import { apiRequest, createBlockBody, createTestKey, idParams, noParams } from "./api-support";

let key: string;
let keyId: string;
beforeAll(async () => {
  ({ key, id: keyId } = await createTestKey());
});

const linkParts = (url: string) => {
  const parsed = new URL(url);
  return { publicId: parsed.searchParams.get("id")!, secret: parsed.searchParams.get("auth")! };
};

async function createViaApi(overrides: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const body = await createBlockBody(overrides);
  const response = await POST(apiRequest("/api/v1/blocks", { method: "POST", key, body, headers }), noParams);
  expect(response.status).toBe(201);
  const json = await response.json();
  return { body, id: json.id as string, reportUrl: json.reportUrl as string };
}

async function check(query: string) {
  const response = await GET(apiRequest(`/api/v1/blocks?${query}`, { key }));
  expect(response.status).toBe(200);
  return response.json();
}

describe("the status check says each block's current link and reply", () => {
  it("returns the link from the creation answer, with the reply as two lines and as one", async () => {
    const { body, id, reportUrl } = await createViaApi({ senderAddress: "News@Shop.example" });
    const answer = await check(`smtpUser=${body.smtpUser.username}&senderAddress=news%40shop.example&status=active`);
    expect(answer.blocked).toBe(true);
    expect(answer.blocks).toHaveLength(1);
    expect(answer.blocks[0]).toMatchObject({
      id,
      reportUrl,
      linkUnavailable: null,
      smtpReply: "550 5.7.1 [ABUSE] Sender blocked: spam or abuse detected.",
      reply: {
        line: "550 5.7.1 [ABUSE] Sender blocked: spam or abuse detected.",
        see: `See: ${reportUrl}`,
        singleLine: `550 5.7.1 [ABUSE] Sender blocked: spam or abuse detected. See: ${reportUrl}`,
      },
    });
    // The link it gives opens the report.
    expect((await getReportByLink(linkParts(answer.blocks[0].reportUrl))).publicId).toBe(id);
  });

  it("gives a rotated block's new link; the old link answers GONE, the new one opens the report", async () => {
    const { body, id, reportUrl: first } = await createViaApi();
    const rotated = await postRotation(
      apiRequest(`/api/v1/blocks/${id}/link`, { method: "POST", key, body: {} }),
      idParams(id),
    );
    expect(rotated.status).toBe(200);
    const { reportUrl: second } = await rotated.json();
    expect(second).not.toBe(first);
    expect(linkParts(second).publicId).toBe(id);
    await expect(getReportByLink(linkParts(first))).rejects.toMatchObject({ code: "GONE" });
    const report = await getReportByLink(linkParts(second));
    expect(report.events.map((event) => event.type)).toContain("LINK_ROTATED");
    const answer = await check(`smtpUser=${body.smtpUser.username}`);
    expect(answer.blocks[0].reportUrl).toBe(second);
    expect(answer.blocks[0].reply.see).toBe(`See: ${second}`);
  });

  it("refuses a rotation without a valid key, for an unknown block, or with a body", async () => {
    const { id } = await createViaApi();
    const rotate = (blockId: string, options: { key?: string | null; body?: unknown }) =>
      postRotation(
        apiRequest(`/api/v1/blocks/${blockId}/link`, {
          method: "POST",
          key: options.key === undefined ? key : options.key,
          body: options.body ?? {},
        }),
        idParams(blockId),
      );
    expect((await rotate(id, { key: null })).status).toBe(401);
    expect((await rotate("0123456789abcdef0123", {})).status).toBe(404);
    expect((await rotate("not-an-id", {})).status).toBe(422);
    expect((await rotate(id, { body: { secret: "mine" } })).status).toBe(422);
  });

  it("says clearly when a block predates sealed links; that link still opens the report, and a rotation makes one it can say", async () => {
    // A block as the migration leaves one written before it: the digest only.
    const account = await createAccount();
    const user = await createSmtpUser(account.id);
    const secret = randomBytes(32).toString("base64url");
    const publicId = randomBytes(10).toString("hex");
    await getDb().block.create({
      data: {
        publicId,
        secretDigest: digestSecret(secret),
        accountId: account.id,
        smtpUserId: user.id,
        reason: "SPAM",
        spamScore: 91,
        abuseScore: 10,
        rateScore: 5,
        combinedScore: 88,
        threshold: 70,
        smtpReply: "550 5.7.1 [SPAM] Sender blocked: spam content detected.",
      },
    });
    const before = await check(`smtpUser=${user.username}`);
    expect(before.blocks[0]).toMatchObject({
      id: publicId,
      reportUrl: null,
      linkUnavailable: "issued_before_links_were_kept",
      reply: {
        line: "550 5.7.1 [SPAM] Sender blocked: spam content detected.",
        see: null,
        singleLine: "550 5.7.1 [SPAM] Sender blocked: spam content detected.",
      },
    });
    expect((await getReportByLink({ publicId, secret })).publicId).toBe(publicId);
    const { reportUrl } = await rotateReportLink({ publicId, actor: { type: "RELAY", id: keyId } });
    const after = await check(`smtpUser=${user.username}`);
    expect(after.blocks[0]).toMatchObject({ reportUrl, linkUnavailable: null });
  });

  it("says so when the secret was sealed under another REPORT_LINK_KEY", async () => {
    const account = await createAccount();
    const user = await createSmtpUser(account.id);
    const secret = randomBytes(32).toString("base64url");
    const publicId = randomBytes(10).toString("hex");
    await getDb().block.create({
      data: {
        publicId,
        secretDigest: digestSecret(secret),
        secretSealed: sealSecret(sealingKeyFrom("some-other-instance-key-0123456789abcdef"), publicId, secret),
        accountId: account.id,
        smtpUserId: user.id,
        reason: "RATE",
        spamScore: 1,
        abuseScore: 1,
        rateScore: 95,
        combinedScore: 90,
        threshold: 70,
        smtpReply: "550 5.7.1 [RATE] Sender blocked: sustained rate limit breaches.",
      },
    });
    const answer = await check(`smtpUser=${user.username}`);
    expect(answer.blocks[0]).toMatchObject({
      reportUrl: null,
      linkUnavailable: "sealed_under_another_key",
      reply: { see: null },
    });
  });
});

describe("the demo reports", () => {
  it("keep the README's links, and a database seeded before links were sealed gets them sealed on the next start", async () => {
    await seedDemoData();
    const demo = DEMO_BLOCKS.find((block) => block.key === "abuse-active")!;
    // As a database seeded before this version: the digest only.
    await getDb().block.update({ where: { publicId: demo.publicId }, data: { secretSealed: null } });
    const smtpUser = DEMO_SMTP_USERS[demo.smtpUserIndex]!.username;
    const query = `smtpUser=${smtpUser}&senderAddress=${encodeURIComponent(demo.senderAddress ?? "someone@example.net")}`;
    expect((await check(query)).blocks.find((b: { id: string }) => b.id === demo.publicId)).toMatchObject({
      reportUrl: null,
    });
    expect(await seedDemoData()).toBe(0); // what `npm start` runs on every start with the embedded database
    const block = (await check(query)).blocks.find((b: { id: string }) => b.id === demo.publicId);
    // Exactly the link the README lists (PUBLIC_BASE_URL is the default here).
    expect(block.reportUrl).toBe(
      "http://localhost:3000/?id=1ec5d310c951ebd54d84&auth=Ytv7w6bcQvH7FIhzKKIunribyeMlfv8ftXuE7mCZ2FM",
    );
  });
});

/*
 * Everything the database holds, as text: every row of every table in every schema
 * (what a dump contains), bytea as hex.
 */
async function dumpDatabase(): Promise<string> {
  const db = getDb();
  const tables = await db.$queryRawUnsafe<{ schema: string; name: string }[]>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  const parts: string[] = [];
  for (const table of tables) {
    const rows = await db.$queryRawUnsafe<{ row: string }[]>(
      `SELECT t::text AS row FROM "${table.schema}"."${table.name}" t`,
    );
    parts.push(...rows.map((r) => r.row));
  }
  return parts.join("\n");
}

/*
 * Every string in the dump that could be a report secret, tried the way the server tries a
 * link (by its SHA-256 digest): each run of link characters and every 43-character window
 * of it (a generated secret's length), and every hex-encoded byte string as base64url and
 * as text. Returns the candidates that open a block.
 */
function secretsIn(dump: string, digests: Set<string>): string[] {
  const candidates = new Set<string>();
  const addRun = (text: string) => {
    for (const run of text.match(/[A-Za-z0-9_-]{22,}/g) ?? []) {
      candidates.add(run);
      for (let start = 0; start + 43 <= run.length; start += 1) candidates.add(run.slice(start, start + 43));
    }
  };
  addRun(dump);
  for (const hex of dump.match(/\\x([0-9a-f]{2})+/g) ?? []) {
    const bytes = Buffer.from(hex.slice(2), "hex");
    addRun(bytes.toString("base64url"));
    addRun(bytes.toString("latin1"));
  }
  return [...candidates].filter((candidate) => digests.has(Buffer.from(digestSecret(candidate)).toString("hex")));
}

describe("a full copy of the database, without REPORT_LINK_KEY", () => {
  it("contains nothing that opens a report", async () => {
    // Blocks made every way the app makes them: created (with an Idempotency-Key, whose stored
    // answer holds the link), extended, rotated, counted, with webhooks queued.
    const created = await createViaApi(
      { senderAddress: "dump@shop.example" },
      { "Idempotency-Key": `dump-${randomBytes(4).toString("hex")}` },
    );
    await getDb().webhookEndpoint.create({
      data: { url: "http://127.0.0.1:9/none", secret: "whsec-test", events: ["*"], accountId: created.body.accountId },
    });
    const second = await createViaApi({ accountId: created.body.accountId });
    await POST(apiRequest("/api/v1/blocks", { method: "POST", key, body: { ...second.body } }), noParams);
    const rotated = await (
      await postRotation(
        apiRequest(`/api/v1/blocks/${second.id}/link`, {
          method: "POST",
          key,
          body: {},
          headers: { "Idempotency-Key": "dump-rotate" },
        }),
        idParams(second.id),
      )
    ).json();
    const links = [created.reportUrl, second.reportUrl, rotated.reportUrl as string];

    const dump = await dumpDatabase();
    const blocks = await getDb().block.findMany({ select: { secretDigest: true } });
    const digests = new Set(blocks.map((block) => Buffer.from(block.secretDigest).toString("hex")));
    expect(blocks.length).toBeGreaterThan(3);
    expect(dump).toContain(created.id); // the dump is real: it holds the blocks
    expect(secretsIn(dump, digests)).toEqual([]);
    // The search would have found a secret had one been there, in clear or as bytes.
    const secret = linkParts(rotated.reportUrl).secret;
    expect(secretsIn(`${dump}\n{"note": "${links[2]}"}`, digests)).toEqual([secret]);
    expect(secretsIn(`${dump}\n\\x${Buffer.from(secret, "base64url").toString("hex")}`, digests)).toEqual([secret]);
  });
});
