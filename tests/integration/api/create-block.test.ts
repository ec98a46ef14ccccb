import { beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/v1/blocks/route";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { digestSecret } from "@/lib/report-link";
import { OPERATOR } from "@/lib/data/callers";
import { revokeApiKey } from "@/lib/data/api-keys";
import { apiRequest, clearApiKeyCache, createBlockBody, createTestKey, noParams } from "./api-support";

let key: string;
beforeAll(async () => {
  ({ key } = await createTestKey());
});

const create = (body: unknown, headers: Record<string, string> = {}) =>
  POST(apiRequest("/api/v1/blocks", { method: "POST", key, body, headers }), noParams);

describe("POST /api/v1/blocks", () => {
  it("creates a block and returns the link once, the SMTP reply and the status", async () => {
    const body = await createBlockBody({ senderAddress: "News@Shop.example" });
    const response = await create(body);
    expect(response.status).toBe(201);
    const json = await response.json();
    expect(json.id).toMatch(/^[0-9a-f]{20}$/);
    expect(json.existing).toBe(false);
    expect(json.status).toBe("ACTIVE");
    const url = new URL(json.reportUrl);
    expect(url.origin).toBe(new URL(env.PUBLIC_BASE_URL).origin);
    expect(url.searchParams.get("id")).toBe(json.id);
    const secret = url.searchParams.get("auth")!;
    expect(json.smtpReply).toBe(`550 5.7.1 [ABUSE] Sender blocked: spam or abuse detected.\nSee: ${json.reportUrl}`);

    const block = await getDb().block.findUniqueOrThrow({
      where: { publicId: json.id },
      include: { evidence: true, events: true, smtpUser: true },
    });
    expect(Buffer.from(block.secretDigest).equals(Buffer.from(digestSecret(secret)))).toBe(true);
    expect(block.smtpReply).toBe("550 5.7.1 [ABUSE] Sender blocked: spam or abuse detected.");
    expect(block.evidence).toHaveLength(5);
    expect(block.events.map((e) => e.type)).toEqual(["CREATED"]);
    expect(block.smtpUser.username).toBe(body.smtpUser.username);
    expect(block.senderAddress).toBe("News@Shop.example");
  });

  it("uses the [SPAM] and [RATE] reply lines for those reasons", async () => {
    const spam = await (await create(await createBlockBody({ reason: "SPAM" }))).json();
    expect(spam.smtpReply.split("\n")[0]).toBe("550 5.7.1 [SPAM] Sender blocked: spam content detected.");
    const rate = await (await create(await createBlockBody({ reason: "RATE" }))).json();
    expect(rate.smtpReply.split("\n")[0]).toBe("550 5.7.1 [RATE] Sender blocked: sustained rate limit breaches.");
  });

  it("builds the link from PUBLIC_BASE_URL, never from the Host header", async () => {
    const response = await create(await createBlockBody(), {
      host: "evil.example",
      "x-forwarded-host": "evil.example",
    });
    const json = await response.json();
    expect(json.reportUrl).not.toContain("evil.example");
    expect(json.reportUrl.startsWith(new URL("/", env.PUBLIC_BASE_URL).toString())).toBe(true);
  });

  it("redacts recipient addresses inside evidence before storing it", async () => {
    const body = await createBlockBody();
    body.evidence = [
      {
        kind: "message_samples",
        window: { from: "2026-11-27T14:00:00Z", to: "2026-11-27T16:00:00Z" },
        samples: [
          {
            subject: "hi",
            from: "news@shop.example",
            sentAt: "2026-11-27T14:05:12Z",
            score: 8,
            recipientCount: 1,
            recipients: ["jane.doe@example.com"],
          },
        ],
      },
    ] as never;
    const json = await (await create(body)).json();
    const stored = await getDb().evidence.findFirstOrThrow({ where: { block: { publicId: json.id } } });
    expect(JSON.stringify(stored.data)).not.toContain("jane.doe@example.com");
    expect(JSON.stringify(stored.data)).toContain("j***@e***.com");
  });

  it("adds evidence to the open block of the same target instead of opening a second report", async () => {
    const body = await createBlockBody({ senderAddress: "news@shop.example" });
    const first = await (await create(body)).json();
    const second = await create({ ...body, senderAddress: "NEWS@shop.example", evidence: body.evidence.slice(0, 2) });
    expect(second.status).toBe(200);
    const json = await second.json();
    expect(json).toMatchObject({ id: first.id, existing: true, reportUrl: first.reportUrl, evidenceAdded: 2 });
    expect(json.smtpReply).toBe(`550 5.7.1 [ABUSE] Sender blocked: spam or abuse detected.\nSee: ${first.reportUrl}`);
    const block = await getDb().block.findUniqueOrThrow({
      where: { publicId: first.id },
      include: { evidence: true, events: { orderBy: { id: "asc" } } },
    });
    expect(block.evidence).toHaveLength(7);
    expect(block.events.map((e) => e.type)).toEqual(["CREATED", "EVIDENCE_ADDED"]);
    expect(await getDb().block.count({ where: { smtpUser: { username: body.smtpUser.username } } })).toBe(1);
  });

  it("keeps a block of one address apart from a block of the whole SMTP user", async () => {
    const body = await createBlockBody();
    const whole = await (await create(body)).json();
    const address = await (await create({ ...body, senderAddress: "promo@shop.example" })).json();
    expect(address.existing).toBe(false);
    expect(address.id).not.toBe(whole.id);
  });

  it("creates an unknown SMTP user under an existing account, and finds it again by external id", async () => {
    const body = await createBlockBody({ smtpUser: { username: "fresh-login", externalId: "relay-42" } });
    await create(body);
    const renamed = await (
      await create({ ...body, smtpUser: { username: "renamed-login", externalId: "relay-42" } })
    ).json();
    expect(renamed.existing).toBe(true);
    expect(await getDb().smtpUser.count({ where: { accountId: body.accountId } })).toBe(1);
  });

  it("refuses an unknown account with 404 naming accountId, and stores nothing", async () => {
    const body = await createBlockBody({ accountId: "00000000-0000-4000-8000-000000000000" });
    const response = await create(body);
    expect(response.status).toBe(404);
    expect((await response.json()).error).toMatchObject({ code: "NOT_FOUND", field: "accountId" });
    expect(await getDb().smtpUser.count({ where: { username: body.smtpUser.username } })).toBe(0);
  });

  it("answers 401 JSON without a key, with a wrong key and with a malformed header", async () => {
    const body = await createBlockBody();
    for (const authorization of [undefined, "Bearer brk_" + "A".repeat(43), "Basic abc", `Bearer ${key}x`]) {
      const headers: Record<string, string> = authorization ? { authorization } : {};
      const response = await POST(apiRequest("/api/v1/blocks", { method: "POST", body, headers }), noParams);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect((await response.json()).error).toMatchObject({ code: "UNAUTHORIZED", field: "Authorization" });
    }
    expect(await getDb().smtpUser.count({ where: { username: body.smtpUser.username } })).toBe(0);
  });
});

describe("a revoked API key", () => {
  it("can neither write nor read at once, though its verification is still cached", async () => {
    const revoked = await createTestKey("to-revoke");
    const body = await createBlockBody();
    const check = () => GET(apiRequest(`/api/v1/blocks?smtpUser=${body.smtpUser.username}`, { key: revoked.key }));
    expect((await check()).status).toBe(200);
    await revokeApiKey(OPERATOR, { idOrPrefix: revoked.id });
    const write = await POST(apiRequest("/api/v1/blocks", { method: "POST", key: revoked.key, body }), noParams);
    expect(write.status).toBe(403);
    expect(await getDb().smtpUser.count({ where: { username: body.smtpUser.username } })).toBe(0);
    // Still cached as verified (API_KEY_CACHE_MS), but listActiveBlocks checks the key in its statement.
    const read = await check();
    expect(read.status).toBe(403);
    expect((await read.json()).error).toMatchObject({ code: "FORBIDDEN" });
    clearApiKeyCache(); // what the cache lifetime does on its own
    expect((await check()).status).toBe(401);
  });
});

describe("GET /api/v1/blocks (status check)", () => {
  it("lists the open blocks that stop a sender, by login or external id", async () => {
    const externalId = `ext-${Date.now()}`;
    const body = await createBlockBody({
      smtpUser: { username: `login-${Date.now()}`, externalId },
      senderAddress: "a@shop.example",
    });
    const created = await (await create(body)).json();
    const check = async (query: string) => (await GET(apiRequest(`/api/v1/blocks?${query}`, { key }))).json();
    const u = encodeURIComponent(body.smtpUser.username);
    expect(await check(`smtpUser=${u}&senderAddress=A@shop.example&status=active`)).toMatchObject({
      blocked: true,
      blocks: [{ id: created.id, reason: "ABUSE", status: "ACTIVE" }],
    });
    expect(await check(`smtpUser=${u}&senderAddress=b@shop.example`)).toEqual({ blocked: false, blocks: [] });
    expect((await check(`smtpUserExternalId=${externalId}`)).blocks).toHaveLength(1);
    expect((await check(`smtpUser=${u}&accountId=00000000-0000-4000-8000-000000000000`)).blocked).toBe(false);
  });

  it("answers many concurrent checks (batched into one statement) each with its own answer", async () => {
    const account = (await createBlockBody()).accountId;
    const users = Array.from({ length: 12 }, (_, i) => ({
      username: `batch-${Date.now()}-${i}`,
      externalId: `batch-ext-${Date.now()}-${i}`,
    }));
    const ids = new Map<string, string>();
    for (const [i, user] of users.entries()) {
      if (i % 3 === 0) continue; // every third user is not blocked at all
      const senderAddress = i % 3 === 1 ? `only-${i}@shop.example` : null;
      const created = await (
        await create(await createBlockBody({ accountId: account, smtpUser: user, senderAddress }))
      ).json();
      ids.set(user.username, created.id);
    }
    const checks = users.flatMap((user, i) => [
      { query: `smtpUser=${user.username}`, expected: ids.has(user.username) ? [ids.get(user.username)] : [] },
      {
        query: `smtpUser=${user.username}&senderAddress=other@shop.example`,
        expected: i % 3 === 2 ? [ids.get(user.username)] : [],
      },
      {
        query: `smtpUserExternalId=${user.externalId}&senderAddress=ONLY-${i}@shop.example`,
        expected: ids.has(user.username) ? [ids.get(user.username)] : [],
      },
      { query: `smtpUser=${user.username}&accountId=00000000-0000-4000-8000-000000000000`, expected: [] },
    ]);
    const answers = await Promise.all(
      checks.map(async ({ query }) => (await GET(apiRequest(`/api/v1/blocks?${query}`, { key }))).json()),
    );
    answers.forEach((answer, index) => {
      expect(
        answer.blocks.map((b: { id: string }) => b.id),
        checks[index]!.query,
      ).toEqual(checks[index]!.expected);
    });
  });

  it("needs exactly one of smtpUser and smtpUserExternalId", async () => {
    const response = await GET(apiRequest("/api/v1/blocks?status=active", { key }));
    expect(response.status).toBe(422);
    expect((await response.json()).error.field).toBe("smtpUser");
  });
});
