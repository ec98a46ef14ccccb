import { beforeAll, describe, expect, it } from "vitest";
import { POST as postAttempts } from "@/app/api/v1/blocks/[id]/attempts/route";
import { POST } from "@/app/api/v1/blocks/route";
import { getDb } from "@/lib/db/client";
import { apiRequest, createBlockBody, createTestKey, idParams, noParams } from "./api-support";

let key: string;
let keyId: string;
beforeAll(async () => {
  ({ key, id: keyId } = await createTestKey());
});

const create = (body: unknown, idempotencyKey: string, apiKey = key) =>
  POST(
    apiRequest("/api/v1/blocks", { method: "POST", key: apiKey, body, headers: { "Idempotency-Key": idempotencyKey } }),
    noParams,
  );

const blocksOf = (username: string) => getDb().block.count({ where: { smtpUser: { username } } });

describe("Idempotency-Key", () => {
  it("replays the first response, link included, for a retry with the same key and body", async () => {
    const body = await createBlockBody();
    const first = await create(body, "retry-1");
    const again = await create(body, "retry-1");
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const [a, b] = [await first.json(), await again.json()];
    expect(b).toEqual(a);
    expect(a.reportUrl).toContain("auth=");
    expect(await blocksOf(body.smtpUser.username)).toBe(1);
    expect(await getDb().evidence.count({ where: { block: { publicId: a.id } } })).toBe(5);
  });

  it("replays nothing to a revoked key, though its verification is still cached", async () => {
    const doomed = await createTestKey("idempotency-revoked");
    const body = await createBlockBody();
    expect((await create(body, "revoked-retry", doomed.key)).status).toBe(201);
    await getDb().apiKey.update({ where: { id: doomed.id }, data: { revokedAt: new Date() } });
    const retry = await create(body, "revoked-retry", doomed.key);
    expect(retry.status).toBe(403);
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
    expect(JSON.stringify(await retry.json())).not.toContain("auth=");
  });

  it("never stores the report secret in clear", async () => {
    const body = await createBlockBody();
    const json = await (await create(body, "secret-check")).json();
    const secret = new URL(json.reportUrl).searchParams.get("auth")!;
    const record = await getDb().idempotencyRecord.findUniqueOrThrow({
      where: { apiKeyId_key: { apiKeyId: keyId, key: "secret-check" } },
    });
    expect(JSON.stringify(record.response)).not.toContain(secret);
    expect(JSON.stringify(record.response)).not.toContain(json.id);
  });

  it("refuses the same key with a different body (422), storing nothing", async () => {
    const body = await createBlockBody();
    await create(body, "reused");
    const other = await createBlockBody();
    const response = await create(other, "reused");
    expect(response.status).toBe(422);
    expect((await response.json()).error).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED", field: "Idempotency-Key" });
    expect(await blocksOf(other.smtpUser.username)).toBe(0);
  });

  it("applies concurrent duplicates once and answers both alike", async () => {
    const body = await createBlockBody();
    const responses = await Promise.all(Array.from({ length: 5 }, () => create(body, "burst")));
    const jsons = await Promise.all(responses.map((response) => response.json()));
    expect(new Set(jsons.map((json) => json.reportUrl)).size).toBe(1);
    expect(responses.map((response) => response.status)).toEqual([201, 201, 201, 201, 201]);
    expect(await blocksOf(body.smtpUser.username)).toBe(1);
    expect(await getDb().evidence.count({ where: { block: { publicId: jsons[0].id } } })).toBe(5);
  });

  it("keeps keys apart per API key", async () => {
    const body = await createBlockBody();
    const other = await createTestKey("other-relay");
    const mine = await (await create(body, "shared-name")).json();
    const theirs = await create(body, "shared-name", other.key);
    expect(theirs.status).toBe(200); // a fresh request: the block exists, evidence is added
    expect(await theirs.json()).toMatchObject({ id: mine.id, existing: true });
  });

  it("does not count the attempts of a retried report twice", async () => {
    const body = await createBlockBody();
    const { id } = await (await create(body, "for-attempts")).json();
    const report = () =>
      postAttempts(
        apiRequest(`/api/v1/blocks/${id}/attempts`, {
          method: "POST",
          key,
          body: { count: 30 },
          headers: { "Idempotency-Key": "attempts-1" },
        }),
        idParams(id),
      );
    await report();
    const replay = await report();
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect((await getDb().block.findUniqueOrThrow({ where: { publicId: id } })).attemptCount).toBe(30);
  });

  it("does not remember errors: a failed request can be retried with its key", async () => {
    const body = await createBlockBody({ accountId: "00000000-0000-4000-8000-000000000001" });
    expect((await create(body, "after-error")).status).toBe(404);
    const fixed = await createBlockBody();
    expect((await create(fixed, "after-error")).status).toBe(201);
  });

  it("refuses a malformed key", async () => {
    const response = await create(await createBlockBody(), "has space");
    expect(response.status).toBe(422);
    expect((await response.json()).error.field).toBe("Idempotency-Key");
  });
});
