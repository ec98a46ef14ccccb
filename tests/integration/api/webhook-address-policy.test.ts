import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as postBlock } from "@/app/api/v1/blocks/route";
import { GET as listEndpoints, POST as postEndpoint } from "@/app/api/v1/webhook-endpoints/route";
import { getDb } from "@/lib/db/client";
import type { RunningWorker } from "@/lib/jobs/worker";
import { apiRequest, createBlockBody, createTestKey, noParams } from "./api-support";
import { startDeliveryWorker, startReceiver, waitFor } from "./webhook-receiver";

// The production default: WEBHOOK_ALLOW_PRIVATE_ADDRESSES unset (webhooks.test.ts turns it on).
vi.hoisted(() => {
  delete process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES;
});

let key: string;
let worker: RunningWorker;

beforeAll(async () => {
  ({ key } = await createTestKey());
  worker = await startDeliveryWorker();
});
afterAll(async () => {
  await worker?.stop();
});

const register = (url: string) =>
  postEndpoint(
    apiRequest("/api/v1/webhook-endpoints", { method: "POST", key, body: { url, events: ["*"] } }),
    noParams,
  );

describe("webhook endpoints may only point at public addresses", () => {
  it.each([
    ["http://127.0.0.1:8080/hook", /127\.0\.0\.1 is a loopback address/],
    ["http://localhost:54329/", /localhost is a loopback address/],
    ["http://169.254.169.254/latest/meta-data/", /169\.254\.169\.254 is a link-local address/],
    ["http://0.0.0.0:3000/", /0\.0\.0\.0 is the unspecified address/],
    ["http://[::1]:3000/", /::1 is a loopback address/],
    ["http://2130706433/", /127\.0\.0\.1 is a loopback address/],
    ["http://[::ffff:127.0.0.1]/", /loopback address/],
    ["http://10.0.0.8/hook", /private network address/],
    ["http://172.20.0.1/hook", /private network address/],
    ["http://192.168.1.1/hook", /private network address/],
    ["http://100.64.1.1/hook", /carrier-grade NAT/],
    ["http://[fd00::1]/hook", /unique local/],
    ["http://[fe80::1]/hook", /link-local/],
    ["http://224.0.0.1/hook", /multicast/],
  ])("refuses %s at registration with a 422 that says what to change", async (url, why) => {
    const before = await getDb().webhookEndpoint.count();
    const response = await register(url);
    expect(response.status).toBe(422);
    const { error } = await response.json();
    expect(error).toMatchObject({ code: "INVALID", field: "url" });
    expect(error.message).toMatch(why);
    expect(error.message).toMatch(/only delivered to public internet addresses: use the receiver's public address/);
    expect(await getDb().webhookEndpoint.count()).toBe(before);
  });

  it("accepts a public address, and never shows URL credentials back", async () => {
    const url = "https://relay-user:S3cretPassw0rd@93.184.215.14/hooks/block-reports";
    const created = await register(url);
    expect(created.status).toBe(201);
    const createdBody = await created.json();
    expect(createdBody.url).toBe("https://***@93.184.215.14/hooks/block-reports");
    const listed = await (await listEndpoints(apiRequest("/api/v1/webhook-endpoints", { key }), noParams)).json();
    const mine = listed.endpoints.find((e: { id: string }) => e.id === createdBody.id);
    expect(mine.url).toBe("https://***@93.184.215.14/hooks/block-reports");
    expect(JSON.stringify(listed)).not.toMatch(/S3cretPassw0rd|relay-user/);
    // Stored as given: deliveries authenticate with it.
    expect((await getDb().webhookEndpoint.findUniqueOrThrow({ where: { id: createdBody.id } })).url).toBe(url);
    await getDb().webhookEndpoint.update({ where: { id: createdBody.id }, data: { active: false } });
  });

  it("refuses delivery to a name that resolves to loopback, logs one failed attempt and does not retry", async () => {
    const receiver = await startReceiver([200]);
    try {
      const body = await createBlockBody();
      // Registered while private addresses were allowed (or before this rule existed).
      const endpoint = await getDb().webhookEndpoint.create({
        data: {
          url: receiver.url.replace("127.0.0.1", "localhost"),
          secret: "whsec_test",
          events: ["block.created"],
          accountId: body.accountId,
        },
      });
      const created = await postBlock(apiRequest("/api/v1/blocks", { method: "POST", key, body }), noParams);
      expect(created.status).toBe(201);
      await waitFor(
        "the refused attempt",
        async () => (await getDb().webhookDelivery.count({ where: { endpointId: endpoint.id } })) >= 1,
      );
      // A retry would come after 1 s (this worker's back-off): wait past two.
      await new Promise((resolve) => setTimeout(resolve, 3500));
      const attempts = await getDb().webhookDelivery.findMany({ where: { endpointId: endpoint.id } });
      expect(attempts).toHaveLength(1);
      expect(attempts[0]).toMatchObject({ attempt: 1, responseCode: null, eventType: "block.created" });
      expect(attempts[0]!.error).toMatch(/^refused: localhost, a loopback address/);
      expect(receiver.received).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  });

  it("refuses delivery to an IP literal stored before the rule (127.0.0.1, decimal and IPv4-mapped forms)", async () => {
    const receiver = await startReceiver([200]);
    try {
      const body = await createBlockBody();
      const port = new URL(receiver.url).port;
      const ids: string[] = [];
      for (const url of [receiver.url, `http://2130706433:${port}/x`, `http://[::ffff:127.0.0.1]:${port}/x`]) {
        ids.push(
          (
            await getDb().webhookEndpoint.create({
              data: { url, secret: "whsec_test", events: ["block.created"], accountId: body.accountId },
            })
          ).id,
        );
      }
      await postBlock(apiRequest("/api/v1/blocks", { method: "POST", key, body }), noParams);
      await waitFor(
        "three refused attempts",
        async () => (await getDb().webhookDelivery.count({ where: { endpointId: { in: ids } } })) >= 3,
      );
      const attempts = await getDb().webhookDelivery.findMany({ where: { endpointId: { in: ids } } });
      expect(attempts.every((a) => a.responseCode === null && /^refused: .*loopback address/.test(a.error ?? ""))).toBe(
        true,
      );
      expect(receiver.received).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  });
});
