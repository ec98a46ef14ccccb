import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postAttempts } from "@/app/api/v1/blocks/[id]/attempts/route";
import { POST as postLift } from "@/app/api/v1/blocks/[id]/lift/route";
import { GET, POST } from "@/app/api/v1/blocks/route";
import { MAX_BODY_BYTES } from "@/lib/api/json-body";
import { getDb } from "@/lib/db/client";
import { apiRequest, createBlockBody, createTestKey, idParams, noParams } from "./api-support";

let key: string;
let valid: Awaited<ReturnType<typeof createBlockBody>>;
beforeAll(async () => {
  ({ key } = await createTestKey());
  valid = await createBlockBody();
});

const send = (init: { body?: unknown; rawBody?: BodyInit; headers?: Record<string, string> }) =>
  POST(apiRequest("/api/v1/blocks", { method: "POST", key, ...init }), noParams);
const storedFor = (username: string) => getDb().smtpUser.count({ where: { username } });

async function expectRefused(response: Response, status: number, code: string, field?: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/application\/json/);
  const { error } = await response.json();
  expect(error.code).toBe(code);
  if (field !== undefined) expect(error.field).toBe(field);
}

describe("bad input to POST /api/v1/blocks", () => {
  it("malformed JSON: 400 naming the body", async () => {
    const username = "bad-json-user";
    await expectRefused(
      await send({ rawBody: `{"accountId": "${valid.accountId}", "smtpUser": {"username": "${username}"` }),
      400,
      "MALFORMED_JSON",
      "(body)",
    );
    expect(await storedFor(username)).toBe(0);
  });

  it("wrong types: 422 naming the field", async () => {
    await expectRefused(
      await send({ body: { ...valid, scores: { ...valid.scores, spam: "high" } } }),
      422,
      "INVALID",
      "scores.spam",
    );
    await expectRefused(
      await send({ body: { ...valid, smtpUser: { username: 42 } } }),
      422,
      "INVALID",
      "smtpUser.username",
    );
    await expectRefused(await send({ body: [valid] }), 422, "INVALID", "(body)");
    // Text Postgres cannot store is refused, not a server error.
    await expectRefused(
      await send({ body: { ...valid, smtpUser: { username: "a\u0000b" } } }),
      422,
      "INVALID",
      "smtpUser.username",
    );
    await expectRefused(
      await send({ body: { ...valid, senderAddress: "x\ud800@shop.example" } }),
      422,
      "INVALID",
      "senderAddress",
    );
  });

  it("unknown evidence kinds and bad items: 422 naming the item", async () => {
    const evidence = [valid.evidence[0], { kind: "crypto_mining", window: valid.evidence[0]!.window }];
    await expectRefused(await send({ body: { ...valid, evidence } }), 422, "INVALID", "evidence[1].kind");
    const badWindow = [{ ...valid.evidence[0]!, window: { from: "yesterday", to: "today" } }];
    await expectRefused(
      await send({ body: { ...valid, evidence: badWindow } }),
      422,
      "INVALID",
      "evidence[0].window.from",
    );
  });

  it("too many or no evidence items: 422 naming evidence", async () => {
    const username = "too-many-user";
    const tooMany = Array.from({ length: 51 }, () => valid.evidence[0]);
    await expectRefused(
      await send({ body: { ...valid, smtpUser: { username }, evidence: tooMany } }),
      422,
      "INVALID",
      "evidence",
    );
    await expectRefused(
      await send({ body: { ...valid, smtpUser: { username }, evidence: [] } }),
      422,
      "INVALID",
      "evidence",
    );
    expect(await storedFor(username)).toBe(0);
  });

  it("unknown top-level fields are refused rather than ignored", async () => {
    await expectRefused(await send({ body: { ...valid, expiry: "2030-01-01T00:00:00Z" } }), 422, "INVALID", "expiry");
  });

  it("bodies over the limit: 413 by Content-Length, and by the bytes of a body without one", async () => {
    const username = "oversized-user";
    const huge = JSON.stringify({ ...valid, smtpUser: { username }, padding: "x".repeat(MAX_BODY_BYTES) });
    await expectRefused(await send({ rawBody: huge }), 413, "PAYLOAD_TOO_LARGE", "(body)");
    const chunk = new TextEncoder().encode(huge.slice(0, 64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > 8) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const streamed = await send({ rawBody: stream });
    await expectRefused(streamed, 413, "PAYLOAD_TOO_LARGE");
    expect(sent).toBeLessThan(8); // it stopped reading once past the limit
    expect(await storedFor(username)).toBe(0);
  });

  it("a body that is not JSON by content type: 415", async () => {
    await expectRefused(
      await send({ rawBody: JSON.stringify(valid), headers: { "content-type": "text/plain" } }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
  });
});

describe("property: generated bodies never cause a 5xx and refused ones store nothing", () => {
  const paths = [
    "accountId",
    "smtpUser",
    "smtpUser.username",
    "smtpUser.externalId",
    "senderAddress",
    "reason",
    "scores",
    "scores.combined",
    "scores.threshold",
    "evidence",
    "evidence.0",
    "evidence.0.kind",
    "evidence.0.window",
    "evidence.0.window.from",
    "evidence.1.points",
    "evidence.2.samples.0.recipients",
    "expiresAt",
  ];

  function mutate(base: unknown, path: string, value: unknown): unknown {
    const copy = structuredClone(base) as Record<string, unknown>;
    const parts = path.split(".");
    let node: Record<string, unknown> = copy;
    for (const part of parts.slice(0, -1)) {
      if (node[part] === null || typeof node[part] !== "object") return copy;
      node = node[part] as Record<string, unknown>;
    }
    if (value === undefined) delete node[parts.at(-1)!];
    else node[parts.at(-1)!] = value;
    return copy;
  }

  // Text that often holds what Postgres cannot store (NUL, unpaired surrogates), besides any UTF-16.
  const tricky = fc.constantFrom("a", "@", ".", " ", "\u0000", "\ud800", "\udc00", "é", "😀", "\u202e");
  const anyText = fc.oneof(fc.string({ unit: tricky, maxLength: 20 }), fc.string({ unit: "binary", maxLength: 40 }));
  const values = fc.oneof(
    fc.jsonValue(),
    fc.constant(undefined),
    anyText,
    fc.dictionary(anyText, anyText, { maxKeys: 3 }),
  );
  const bodies = fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .record({ path: fc.constantFrom(...paths), value: values })
        .map(({ path, value }) => ({ kind: "mutated" as const, path, value })),
    },
    { weight: 2, arbitrary: fc.jsonValue().map((value) => ({ kind: "json" as const, value })) },
    {
      weight: 1,
      arbitrary: fc
        .array(
          fc.record({
            kind: fc.oneof(fc.string(), fc.constantFrom("spam_rules", "evasion", "send_rate")),
            window: fc.jsonValue(),
          }),
          { maxLength: 60 },
        )
        .map((evidence) => ({ kind: "evidence" as const, evidence })),
    },
    {
      weight: 1,
      arbitrary: fc.oneof(fc.string({ maxLength: 200 }), anyText).map((raw) => ({ kind: "raw" as const, raw })),
    },
  );

  it("holds for 1,200 generated bodies", async () => {
    let run = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(bodies, async (generated) => {
        run += 1;
        const username = `prop-${process.pid}-${run}`;
        const base = { ...valid, smtpUser: { username } };
        let init: { body?: unknown; rawBody?: string };
        if (generated.kind === "mutated") init = { body: mutate(base, generated.path, generated.value) };
        else if (generated.kind === "json") init = { body: generated.value };
        else if (generated.kind === "evidence") init = { body: { ...base, evidence: generated.evidence } };
        else init = { rawBody: generated.raw };
        const response = await send(init);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(response.status, JSON.stringify(init).slice(0, 300)).toBeLessThan(500);
        const json = await response.json();
        if (response.status >= 400) {
          expect(typeof json.error.field).toBe("string");
          expect(await storedFor(username)).toBe(0);
        }
      }),
      { numRuns: 1200 },
    );
    // The generator reaches both outcomes, so the property is not vacuous.
    expect([...statuses.keys()].some((status) => status >= 400)).toBe(true);
    expect([...statuses.keys()].some((status) => status < 300)).toBe(true);
  });

  it("holds for 500 generated status-check queries", async () => {
    const names = ["smtpUser", "smtpUserExternalId", "accountId", "senderAddress", "status", "other"];
    const queries = fc.array(
      fc.tuple(fc.constantFrom(...names), fc.oneof(anyText, fc.string(), fc.constant(valid.accountId))),
      { maxLength: 5 },
    );
    await fc.assert(
      fc.asyncProperty(queries, async (pairs) => {
        const search = new URLSearchParams(pairs);
        const response = await GET(apiRequest(`/api/v1/blocks?${search}`, { key }));
        expect(response.status, search.toString()).toBeLessThan(500);
        if (response.status >= 400) expect(typeof (await response.json()).error.field).toBe("string");
      }),
      { numRuns: 500 },
    );
  });

  it("holds for 300 generated attempt and lift bodies and ids", async () => {
    const { id } = await (await send({ body: await createBlockBody() })).json();
    const targets = fc.oneof(fc.constant(id), fc.string({ maxLength: 30 }));
    const bodiesFor = fc.oneof(
      fc.jsonValue(),
      fc.record({ count: fc.oneof(fc.integer(), fc.double()) }),
      fc.record({ reason: anyText }),
    );
    await fc.assert(
      fc.asyncProperty(fc.boolean(), targets, bodiesFor, async (lift, target, body) => {
        const path = `/api/v1/blocks/${encodeURIComponent(target)}/${lift ? "lift" : "attempts"}`;
        const route = lift ? postLift : postAttempts;
        const response = await route(apiRequest(path, { method: "POST", key, body }), idParams(target));
        expect(response.status, JSON.stringify(body).slice(0, 200)).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
  });
});
