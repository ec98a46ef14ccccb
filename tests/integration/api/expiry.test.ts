import { beforeAll, describe, expect, it } from "vitest";
import { POST as postAttempts } from "@/app/api/v1/blocks/[id]/attempts/route";
import { GET, POST } from "@/app/api/v1/blocks/route";
import { getDb } from "@/lib/db/client";
import { WORKER } from "@/lib/data/callers";
import { expireDueBlocks } from "@/lib/data/blocks";
import { apiRequest, createBlockBody, createTestKey, idParams, noParams } from "./api-support";

let key: string;
beforeAll(async () => {
  ({ key } = await createTestKey());
});

const MINUTE = 60_000;

async function newBlock(expiresAt: Date | null, overrides: Record<string, unknown> = {}) {
  const body = await createBlockBody({ expiresAt: expiresAt?.toISOString() ?? null, ...overrides });
  const json = await (await POST(apiRequest("/api/v1/blocks", { method: "POST", key, body }), noParams)).json();
  return { body, id: json.id as string };
}

describe("expiry", () => {
  it("expires due blocks with an event and a webhook job, and leaves the others", async () => {
    const due = await newBlock(new Date(Date.now() + 5 * MINUTE));
    const later = await newBlock(new Date(Date.now() + 60 * MINUTE));
    const forever = await newBlock(null);
    await getDb().webhookEndpoint.create({ data: { url: "http://127.0.0.1:9/none", secret: "s", events: ["*"] } });
    const now = new Date(Date.now() + 10 * MINUTE);
    expect(await expireDueBlocks(WORKER, { now })).toBeGreaterThanOrEqual(1);
    const expired = await getDb().block.findUniqueOrThrow({ where: { publicId: due.id }, include: { events: true } });
    expect(expired.status).toBe("EXPIRED");
    expect(expired.endedAt?.getTime()).toBe(expired.expiresAt?.getTime());
    expect(expired.events.map((e) => e.type)).toContain("EXPIRED");
    expect(expired.events.find((e) => e.type === "EXPIRED")?.actorType).toBe("SYSTEM");
    for (const id of [later.id, forever.id]) {
      expect((await getDb().block.findUniqueOrThrow({ where: { publicId: id } })).status).toBe("ACTIVE");
    }
    const jobs = await getDb().outboxMessage.findMany({ where: { topic: "webhook.deliver" } });
    expect(
      jobs.some(
        (job) =>
          (job.payload as { eventType: string; body: string }).eventType === "block.expired" &&
          (job.payload as { body: string }).body.includes(due.id),
      ),
    ).toBe(true);
    expect(await expireDueBlocks(WORKER, { now })).toBe(0);
  });

  it("refuses an expiry in the past or over a year ahead", async () => {
    for (const expiresAt of [new Date(Date.now() - MINUTE), new Date(Date.now() + 400 * 24 * 60 * MINUTE)]) {
      const body = await createBlockBody({ expiresAt: expiresAt.toISOString() });
      const response = await POST(apiRequest("/api/v1/blocks", { method: "POST", key, body }), noParams);
      expect(response.status).toBe(422);
      expect((await response.json()).error.field).toBe("expiresAt");
    }
  });

  it("keeps the stricter expiry when evidence is added to an open block", async () => {
    const soon = new Date(Date.now() + 30 * MINUTE);
    const { body, id } = await newBlock(soon);
    const later = new Date(Date.now() + 90 * MINUTE);
    const extended = await (
      await POST(
        apiRequest("/api/v1/blocks", { method: "POST", key, body: { ...body, expiresAt: later.toISOString() } }),
        noParams,
      )
    ).json();
    expect(extended).toMatchObject({ id, existing: true, block: { expiresAt: later.toISOString() } });
    const indefinite = await (
      await POST(apiRequest("/api/v1/blocks", { method: "POST", key, body: { ...body, expiresAt: null } }), noParams)
    ).json();
    expect(indefinite.block.expiresAt).toBeNull();
  });

  it("stops reporting a block in the status check once past its expiry, before the job ran", async () => {
    const { body, id } = await newBlock(new Date(Date.now() + 5 * MINUTE));
    await getDb().block.update({ where: { publicId: id }, data: { expiresAt: new Date(Date.now() - MINUTE) } });
    const check = await (await GET(apiRequest(`/api/v1/blocks?smtpUser=${body.smtpUser.username}`, { key }))).json();
    expect(check.blocked).toBe(false);
    // A new detection for the sender ends the stale block and opens a new report.
    const next = await (
      await POST(apiRequest("/api/v1/blocks", { method: "POST", key, body: { ...body, expiresAt: null } }), noParams)
    ).json();
    expect(next.existing).toBe(false);
    expect((await getDb().block.findUniqueOrThrow({ where: { publicId: id } })).status).toBe("EXPIRED");
    // Attempts on it are refused.
    const late = await postAttempts(
      apiRequest(`/api/v1/blocks/${id}/attempts`, { method: "POST", key, body: { count: 1 } }),
      idParams(id),
    );
    expect(late.status).toBe(409);
  });
});
