import { beforeAll, describe, expect, it } from "vitest";
import { POST as postAttempts } from "@/app/api/v1/blocks/[id]/attempts/route";
import { POST as postLift } from "@/app/api/v1/blocks/[id]/lift/route";
import { GET, POST } from "@/app/api/v1/blocks/route";
import { getDb } from "@/lib/db/client";
import { liftBlock } from "@/lib/data/blocks";
import { apiRequest, createBlockBody, createTestKey, idParams, noParams } from "./api-support";

let key: string;
beforeAll(async () => {
  ({ key } = await createTestKey());
});

const HOUR = 3_600_000;

async function newBlock(overrides: Record<string, unknown> = {}) {
  const body = await createBlockBody(overrides);
  const json = await (await POST(apiRequest("/api/v1/blocks", { method: "POST", key, body }), noParams)).json();
  return { body, id: json.id as string };
}

const attempts = (id: string, body: unknown) =>
  postAttempts(apiRequest(`/api/v1/blocks/${id}/attempts`, { method: "POST", key, body }), idParams(id));
const lift = (id: string, body: unknown) =>
  postLift(apiRequest(`/api/v1/blocks/${id}/lift`, { method: "POST", key, body }), idParams(id));

describe("POST /api/v1/blocks/{id}/attempts", () => {
  it("counts attempts without escalating below the threshold", async () => {
    const { id } = await newBlock();
    const response = await attempts(id, { count: 24 });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      escalated: false,
      levelsGained: 0,
      block: { attemptCount: 24, escalationLevel: 1 },
    });
    expect(await getDb().event.count({ where: { block: { publicId: id }, type: "ESCALATED" } })).toBe(0);
  });

  it("escalates past each 25 attempts: level up, expiry extended, an event and a webhook job", async () => {
    const expiresAt = new Date(Date.now() + 2 * HOUR);
    const { id } = await newBlock({ expiresAt: expiresAt.toISOString() });
    await getDb().webhookEndpoint.create({
      data: {
        url: "http://127.0.0.1:9/none",
        secret: "s",
        events: ["block.escalated"],
        accountId: (await getDb().block.findUniqueOrThrow({ where: { publicId: id } })).accountId,
      },
    });
    await attempts(id, { count: 20 });
    const json = await (await attempts(id, { count: 31 })).json(); // 51 in all: level 3
    expect(json).toMatchObject({ escalated: true, levelsGained: 2, block: { attemptCount: 51, escalationLevel: 3 } });
    // level 2: +1 h, level 3: +2 h, each from the later of expiry and now
    expect(Date.parse(json.block.expiresAt)).toBe(expiresAt.getTime() + 3 * HOUR);
    const events = await getDb().event.findMany({ where: { block: { publicId: id }, type: "ESCALATED" } });
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ level: 3, previousLevel: 1, attempts: 51 });
    const jobs = await getDb().outboxMessage.findMany({ where: { topic: "webhook.deliver" } });
    expect(
      jobs.some(
        (job) =>
          (job.payload as { eventType: string; body: string }).eventType === "block.escalated" &&
          (job.payload as { body: string }).body.includes(id),
      ),
    ).toBe(true);
  });

  it("keeps a block without expiry without one when it escalates", async () => {
    const { id } = await newBlock();
    const json = await (await attempts(id, { count: 100 })).json();
    expect(json.block).toMatchObject({ escalationLevel: 5, expiresAt: null });
  });

  it("adds up concurrent reports exactly", async () => {
    const { id } = await newBlock();
    await Promise.all(Array.from({ length: 10 }, () => attempts(id, { count: 3 })));
    const block = await getDb().block.findUniqueOrThrow({ where: { publicId: id } });
    expect(block.attemptCount).toBe(30);
    expect(block.escalationLevel).toBe(2);
    expect(await getDb().event.count({ where: { blockId: block.id, type: "ESCALATED" } })).toBe(1);
  });

  it("answers 404 for an unknown block and 422 for a malformed id or count", async () => {
    expect((await attempts("0123456789abcdef0123", { count: 1 })).status).toBe(404);
    const badId = await attempts("not-an-id", { count: 1 });
    expect(badId.status).toBe(422);
    expect((await badId.json()).error.field).toBe("id");
    const { id } = await newBlock();
    const badCount = await attempts(id, { count: 0 });
    expect((await badCount.json()).error).toMatchObject({ code: "INVALID", field: "count" });
  });
});

describe("POST /api/v1/blocks/{id}/lift", () => {
  it("lifts with a reason: LIFTED, event by the relay's key, webhook job, no longer in the status check", async () => {
    const { body, id } = await newBlock();
    const response = await lift(id, { reason: "Customer cleaned the list" });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      block: { id, status: "LIFTED", liftReason: "Customer cleaned the list" },
    });
    const block = await getDb().block.findUniqueOrThrow({ where: { publicId: id }, include: { events: true } });
    expect(block.endedAt).not.toBeNull();
    const lifted = block.events.find((event) => event.type === "LIFTED")!;
    expect(lifted).toMatchObject({ actorType: "RELAY", data: { reason: "Customer cleaned the list" } });
    const check = await (await GET(apiRequest(`/api/v1/blocks?smtpUser=${body.smtpUser.username}`, { key }))).json();
    expect(check.blocked).toBe(false);
  });

  it("refuses to lift twice (409), and attempts on a lifted block (409)", async () => {
    const { id } = await newBlock();
    await lift(id, { reason: "resolved" });
    const again = await lift(id, { reason: "resolved again" });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe("CONFLICT");
    expect((await attempts(id, { count: 1 })).status).toBe(409);
  });

  it("opens a new report for the sender after a lift", async () => {
    const { body, id } = await newBlock();
    await lift(id, { reason: "resolved" });
    const next = await (await POST(apiRequest("/api/v1/blocks", { method: "POST", key, body }), noParams)).json();
    expect(next.existing).toBe(false);
    expect(next.id).not.toBe(id);
  });

  it("is the same function the staff console uses, and checks the staff actor", async () => {
    const { id } = await newBlock();
    const owner = await getDb().user.create({
      data: {
        email: `owner-${id}@example.org`,
        name: "O",
        passwordHash: "x",
        role: "OWNER",
        accountId: (await getDb().account.create({ data: { name: "x", planName: "p", limitPerMinute: 1 } })).id,
      },
    });
    await expect(
      liftBlock({ publicId: id, reason: "not mine to lift", actor: { type: "STAFF", id: owner.id } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const staff = await getDb().user.create({
      data: { email: `staff-${id}@example.net`, name: "S", passwordHash: "x", role: "STAFF" },
    });
    const dto = await liftBlock({ publicId: id, reason: "appeal approved", actor: { type: "STAFF", id: staff.id } });
    expect(dto.status).toBe("LIFTED");
    expect(await getDb().event.findFirst({ where: { block: { publicId: id }, type: "LIFTED" } })).toMatchObject({
      actorType: "STAFF",
      actorId: staff.id,
    });
  });

  it("lifts inside a caller's Prisma transaction, and rolls back with it", async () => {
    await getDb().webhookEndpoint.create({
      data: { url: "http://127.0.0.1:9/none", secret: "s", events: ["block.lifted"] },
    });
    const { id } = await newBlock();
    const staff = await getDb().user.create({
      data: { email: `staff-tx-${id}@example.net`, name: "S", passwordHash: "x", role: "STAFF" },
    });
    const actor = { type: "STAFF" as const, id: staff.id };
    await expect(
      getDb().$transaction(async (tx) => {
        await liftBlock({ publicId: id, reason: "decided with the appeal", actor, tx });
        throw new Error("the appeal decision failed");
      }),
    ).rejects.toThrow("the appeal decision failed");
    expect((await getDb().block.findUniqueOrThrow({ where: { publicId: id } })).status).toBe("ACTIVE");
    const lifted = {
      AND: [
        { payload: { path: ["body"], string_contains: id } },
        { payload: { path: ["eventType"], equals: "block.lifted" } },
      ],
    };
    expect(await getDb().outboxMessage.count({ where: lifted })).toBe(0);
    await getDb().$transaction((tx) => liftBlock({ publicId: id, reason: "decided with the appeal", actor, tx }));
    expect((await getDb().block.findUniqueOrThrow({ where: { publicId: id } })).status).toBe("LIFTED");
    const { id: second } = await newBlock();
    await getDb().$transaction((tx) => liftBlock({ publicId: second, reason: "decided with the appeal", actor, tx }));
    const committed = {
      AND: [
        { payload: { path: ["body"], string_contains: second } },
        { payload: { path: ["eventType"], equals: "block.lifted" } },
      ],
    };
    expect(await getDb().outboxMessage.count({ where: committed })).toBeGreaterThan(0);
  });

  it("needs a reason", async () => {
    const { id } = await newBlock();
    const response = await lift(id, { reason: " " });
    expect(response.status).toBe(422);
    expect((await response.json()).error.field).toBe("reason");
  });
});
