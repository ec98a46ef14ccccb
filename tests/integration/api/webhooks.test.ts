import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as postLift } from "@/app/api/v1/blocks/[id]/lift/route";
import { POST } from "@/app/api/v1/blocks/route";
import { DELETE } from "@/app/api/v1/webhook-endpoints/[id]/route";
import { GET as listEndpoints, POST as postEndpoint } from "@/app/api/v1/webhook-endpoints/route";
import { getDb } from "@/lib/db/client";
import type { RunningWorker } from "@/lib/jobs/worker";
import { SIGNATURE_HEADER, verifySignature } from "@/lib/webhooks";
import { apiRequest, createBlockBody, createTestKey, idParams, noParams } from "./api-support";
import { startDeliveryWorker, startReceiver, waitFor } from "./webhook-receiver";

// The receivers below listen on 127.0.0.1: allowed only with the local-development setting,
// set before lib/env reads the environment (webhook-address-policy.test.ts runs without it).
const previousAllow = vi.hoisted(() => {
  const previous = process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES;
  process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = "true";
  return previous;
});

let key: string;
let worker: RunningWorker;

beforeAll(async () => {
  ({ key } = await createTestKey());
  worker = await startDeliveryWorker();
});
afterAll(async () => {
  await worker?.stop();
  if (previousAllow === undefined) delete process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES;
  else process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = previousAllow;
});

async function registerEndpoint(url: string, events: string[], accountId?: string) {
  const response = await postEndpoint(
    apiRequest("/api/v1/webhook-endpoints", {
      method: "POST",
      key,
      body: { url, events, ...(accountId && { accountId }) },
    }),
    noParams,
  );
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; secret: string };
}

async function createBlock(body: Record<string, unknown>) {
  return (await (await POST(apiRequest("/api/v1/blocks", { method: "POST", key, body }), noParams)).json()) as {
    id: string;
  };
}

describe("webhooks", () => {
  it("delivers block.created and block.lifted, signed with HMAC-SHA256 over timestamp and body", async () => {
    const receiver = await startReceiver([200]);
    try {
      const body = await createBlockBody();
      const endpoint = await registerEndpoint(receiver.url, ["block.created", "block.lifted"], body.accountId);
      expect(endpoint.secret).toMatch(/^whsec_/);
      const { id, block } = (await createBlock(body)) as { id: string; block: unknown };
      await postLift(
        apiRequest(`/api/v1/blocks/${id}/lift`, { method: "POST", key, body: { reason: "resolved by support" } }),
        idParams(id),
      );
      await waitFor("two deliveries", () => receiver.received.length >= 2);
      const types = receiver.received.map((delivery) => JSON.parse(delivery.body).type).sort();
      expect(types).toEqual(["block.created", "block.lifted"]);
      const createdEvent = receiver.received
        .map((delivery) => JSON.parse(delivery.body))
        .find((event) => event.type === "block.created");
      expect(createdEvent.data.block).toEqual(block); // the webhook and the API describe the block alike
      for (const delivery of receiver.received) {
        const event = JSON.parse(delivery.body);
        expect(event.data.block.id).toBe(id);
        expect(delivery.headers["block-reports-event"]).toBe(event.type);
        expect(delivery.headers["block-reports-delivery"]).toBe(event.id);
        const header = delivery.headers[SIGNATURE_HEADER.toLowerCase()] as string;
        expect(verifySignature(endpoint.secret, header, delivery.body)).toEqual({ valid: true });
        expect(verifySignature("whsec_wrong", header, delivery.body)).toEqual({ valid: false, why: "mismatch" });
        expect(verifySignature(endpoint.secret, header, delivery.body.replace(id, "0".repeat(20)))).toMatchObject({
          valid: false,
        });
        expect(verifySignature(endpoint.secret, header, delivery.body, new Date(Date.now() + 301_000))).toEqual({
          valid: false,
          why: "stale",
        });
      }
      expect(JSON.stringify(receiver.received)).not.toContain("auth=");
    } finally {
      await receiver.close();
    }
  });

  it("retries with back-off when the receiver fails twice, and logs every attempt", async () => {
    const receiver = await startReceiver([503, 500, 204]);
    try {
      const body = await createBlockBody();
      const endpoint = await registerEndpoint(receiver.url, ["block.created"], body.accountId);
      await createBlock(body);
      await waitFor(
        "a successful third attempt",
        async () => (await getDb().webhookDelivery.count({ where: { endpointId: endpoint.id } })) >= 3,
      );
      const attempts = await getDb().webhookDelivery.findMany({
        where: { endpointId: endpoint.id },
        orderBy: { id: "asc" },
      });
      expect(attempts.map((a) => [a.attempt, a.responseCode])).toEqual([
        [1, 503],
        [2, 500],
        [3, 204],
      ]);
      expect(attempts[0]!.error).toBe("HTTP 503");
      expect(attempts[2]!.error).toBeNull();
      expect(attempts.every((a) => a.eventType === "block.created")).toBe(true);
      // Same event (same id and body) each time; each signed afresh.
      expect(new Set(receiver.received.map((d) => d.body)).size).toBe(1);
      for (const delivery of receiver.received) {
        expect(
          verifySignature(endpoint.secret, delivery.headers["block-reports-signature"] as string, delivery.body),
        ).toEqual({ valid: true });
      }
    } finally {
      await receiver.close();
    }
  });

  it("logs a refused connection as an attempt without a status", async () => {
    const receiver = await startReceiver([200]);
    const url = receiver.url;
    await receiver.close(); // nothing listens there any more
    const body = await createBlockBody();
    const endpoint = await registerEndpoint(url, ["*"], body.accountId);
    await createBlock(body);
    await waitFor(
      "a failed attempt",
      async () => (await getDb().webhookDelivery.count({ where: { endpointId: endpoint.id } })) >= 1,
    );
    const [attempt] = await getDb().webhookDelivery.findMany({
      where: { endpointId: endpoint.id },
      orderBy: { id: "asc" },
    });
    expect(attempt).toMatchObject({ attempt: 1, responseCode: null });
    expect(attempt!.error).toMatch(/ECONNREFUSED/);
    await DELETE(
      apiRequest(`/api/v1/webhook-endpoints/${endpoint.id}`, { method: "DELETE", key }),
      idParams(endpoint.id),
    );
  });

  it("sends an account's events only to its own and to relay-wide endpoints", async () => {
    const mine = await startReceiver([200]);
    const others = await startReceiver([200]);
    try {
      const body = await createBlockBody();
      const otherAccount = (await createBlockBody()).accountId;
      await registerEndpoint(mine.url, ["block.created"], body.accountId);
      const other = await registerEndpoint(others.url, ["block.created"], otherAccount);
      const relayWide = await startReceiver([200]);
      const wide = await registerEndpoint(relayWide.url, ["block.created"]);
      const { id } = await createBlock(body);
      await waitFor(
        "the account's and the relay-wide delivery",
        () => mine.received.length >= 1 && relayWide.received.some((d) => d.body.includes(id)),
      );
      await relayWide.close();
      await DELETE(apiRequest(`/api/v1/webhook-endpoints/${wide.id}`, { method: "DELETE", key }), idParams(wide.id));
      // Fan-out happens in the creation's transaction: no job was ever queued for the other account's endpoint.
      expect(
        await getDb().outboxMessage.count({ where: { payload: { path: ["endpointId"], equals: other.id } } }),
      ).toBe(0);
      expect(others.received).toHaveLength(0);
    } finally {
      await mine.close();
      await others.close();
    }
  });

  it("lists endpoints without secrets and stops deliveries to a deleted one", async () => {
    const receiver = await startReceiver([200]);
    try {
      const body = await createBlockBody();
      const endpoint = await registerEndpoint(receiver.url, ["block.created"], body.accountId);
      const listed = await (await listEndpoints(apiRequest("/api/v1/webhook-endpoints", { key }), noParams)).json();
      expect(listed.endpoints.some((e: { id: string }) => e.id === endpoint.id)).toBe(true);
      expect(JSON.stringify(listed)).not.toContain(endpoint.secret);
      const deleted = await DELETE(
        apiRequest(`/api/v1/webhook-endpoints/${endpoint.id}`, { method: "DELETE", key }),
        idParams(endpoint.id),
      );
      expect(deleted.status).toBe(204);
      await createBlock(body);
      await worker.dispatchNow();
      expect(
        await getDb().outboxMessage.count({ where: { payload: { path: ["endpointId"], equals: endpoint.id } } }),
      ).toBe(0);
    } finally {
      await receiver.close();
    }
  });

  it("runs the scheduled expiry: EXPIRED and a block.expired delivery", async () => {
    const schedules = await getDb().$queryRaw<{ name: string; cron: string }[]>`SELECT name, cron FROM pgboss.schedule`;
    expect(schedules).toContainEqual({ name: "blocks.expire", cron: "* * * * *" });
    const receiver = await startReceiver([200]);
    try {
      const body = await createBlockBody({ expiresAt: new Date(Date.now() + 60_000).toISOString() });
      const endpoint = await registerEndpoint(receiver.url, ["block.expired"], body.accountId);
      const { id } = await createBlock(body);
      await getDb().block.update({ where: { publicId: id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      await worker.boss.send("blocks.expire", {}); // what the cron schedule sends every minute
      await waitFor("the block.expired delivery", () => receiver.received.some((d) => d.body.includes(id)));
      expect((await getDb().block.findUniqueOrThrow({ where: { publicId: id } })).status).toBe("EXPIRED");
      expect(
        verifySignature(
          endpoint.secret,
          receiver.received[0]!.headers["block-reports-signature"] as string,
          receiver.received[0]!.body,
        ),
      ).toEqual({ valid: true });
    } finally {
      await receiver.close();
    }
  });

  it("refuses a webhook URL that is not http(s)", async () => {
    const response = await postEndpoint(
      apiRequest("/api/v1/webhook-endpoints", {
        method: "POST",
        key,
        body: { url: "ftp://example.org/x", events: ["block.created"] },
      }),
      noParams,
    );
    expect(response.status).toBe(422);
    expect((await response.json()).error.field).toBe("url");
  });
});

describe("webhook endpoints with a revoked key", () => {
  it("answer 403 at once, though the key's verification is still cached", async () => {
    const doomed = await createTestKey("webhooks-revoked");
    const created = await postEndpoint(
      apiRequest("/api/v1/webhook-endpoints", {
        method: "POST",
        key: doomed.key,
        body: { url: "https://93.184.215.14/hook", events: ["block.created"] },
      }),
      noParams,
    );
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await listEndpoints(apiRequest("/api/v1/webhook-endpoints", { key: doomed.key }), noParams)).status).toBe(
      200,
    ); // cached now
    await getDb().apiKey.update({ where: { id: doomed.id }, data: { revokedAt: new Date() } });
    const list = await listEndpoints(apiRequest("/api/v1/webhook-endpoints", { key: doomed.key }), noParams);
    expect(list.status).toBe(403);
    const add = await postEndpoint(
      apiRequest("/api/v1/webhook-endpoints", {
        method: "POST",
        key: doomed.key,
        body: { url: "https://93.184.215.14/other", events: ["block.created"] },
      }),
      noParams,
    );
    expect(add.status).toBe(403);
    expect(
      (await DELETE(apiRequest(`/api/v1/webhook-endpoints/${id}`, { method: "DELETE", key: doomed.key }), idParams(id)))
        .status,
    ).toBe(403);
    expect(await getDb().webhookEndpoint.findUniqueOrThrow({ where: { id } })).toMatchObject({ active: true });
  });
});
