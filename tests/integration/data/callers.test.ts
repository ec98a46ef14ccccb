import { describe, expect, it } from "vitest";
import { listActiveBlocks } from "@/lib/data/blocks";
import { OPERATOR, WORKER, type RelayCaller, type SystemCaller } from "@/lib/data/callers";
import { createApiKey, listApiKeys, revokeApiKey } from "@/lib/data/api-keys";
import {
  createWebhookEndpoint,
  deactivateWebhookEndpoint,
  findEndpointForDelivery,
  listWebhookEndpoints,
  recordDeliveryAttempt,
} from "@/lib/data/webhooks/endpoints";
import { getDb } from "@/lib/db/client";
import { createAccount, createBlock, createSmtpUser } from "../../support/factories";
import { createUser } from "../staff/staff-support";

/*
 * Every data function takes who is asking and checks it itself, so a route that forgot its
 * own check still cannot hand the wrong caller through. These call the functions directly
 * with the callers a route must never let through.
 */

async function relayKey(): Promise<RelayCaller> {
  const created = await createApiKey(OPERATOR, { name: `callers-${Math.random().toString(16).slice(2, 8)}` });
  return { type: "RELAY", id: created.id };
}

async function revokedRelayKey(): Promise<RelayCaller> {
  const relay = await relayKey();
  await revokeApiKey(OPERATOR, { idOrPrefix: relay.id });
  return relay;
}

async function blockedLogin() {
  const account = await createAccount();
  const user = await createSmtpUser(account.id);
  await createBlock({ accountId: account.id, smtpUserId: user.id });
  return user.username;
}

const FORBIDDEN = { code: "FORBIDDEN" };

describe("listActiveBlocks checks its caller in the statement", () => {
  it("answers the relay with a live key, staff and the policy service", async () => {
    const smtpUser = await blockedLogin();
    const staff = await createUser("STAFF");
    for (const actor of [
      await relayKey(),
      { type: "STAFF" as const, id: staff.id },
      { type: "SYSTEM" as const, id: "policy-service" },
    ]) {
      expect(await listActiveBlocks(actor, { smtpUser })).toHaveLength(1);
    }
  });

  it("refuses a revoked key, an unknown key, a malformed id, an owner and a disabled staff member, never answering 'not blocked'", async () => {
    const smtpUser = await blockedLogin();
    const owner = await createUser("OWNER");
    const disabled = await createUser("STAFF");
    await getDb().user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    const refused = [
      await revokedRelayKey(),
      { type: "RELAY" as const, id: "00000000-0000-4000-8000-000000000001" },
      { type: "RELAY" as const, id: "not-a-uuid" },
      { type: "STAFF" as const, id: owner.id },
      { type: "STAFF" as const, id: disabled.id },
    ];
    for (const actor of refused) {
      await expect(listActiveBlocks(actor, { smtpUser }), JSON.stringify(actor)).rejects.toMatchObject(FORBIDDEN);
      // A sender with no open block is refused alike: a refusal is not an empty answer.
      await expect(listActiveBlocks(actor, { smtpUser: "nobody-has-this-login" })).rejects.toMatchObject(FORBIDDEN);
    }
  });

  it("answers each check of one batch for its own caller", async () => {
    const smtpUser = await blockedLogin();
    const [live, revoked] = [await relayKey(), await revokedRelayKey()];
    // Asked in the same turn of the event loop: one statement (status-batcher.ts).
    const [a, b, c] = await Promise.allSettled([
      listActiveBlocks(live, { smtpUser }),
      listActiveBlocks(revoked, { smtpUser }),
      listActiveBlocks(live, { smtpUser: "nobody-has-this-login" }),
    ]);
    expect(a).toMatchObject({ status: "fulfilled", value: [{ smtpUser: { username: smtpUser } }] });
    expect(b).toMatchObject({ status: "rejected", reason: FORBIDDEN });
    expect(c).toEqual({ status: "fulfilled", value: [] });
  });
});

describe("webhook endpoints check the relay's key", () => {
  it("refuse a revoked key for every change and listing, and a relay key for the delivery job's functions", async () => {
    const live = await relayKey();
    const endpoint = await createWebhookEndpoint(live, {
      url: "https://93.184.215.14/hook",
      events: ["block.created"],
    });
    const revoked = await revokedRelayKey();
    await expect(
      createWebhookEndpoint(revoked, { url: "https://93.184.215.14/other", events: ["block.created"] }),
    ).rejects.toMatchObject(FORBIDDEN);
    await expect(listWebhookEndpoints(revoked)).rejects.toMatchObject(FORBIDDEN);
    await expect(deactivateWebhookEndpoint(revoked, endpoint.id)).rejects.toMatchObject(FORBIDDEN);
    expect((await listWebhookEndpoints(live)).map((row) => row.id)).toContain(endpoint.id);

    const relayAsSystem = live as unknown as SystemCaller;
    await expect(findEndpointForDelivery(relayAsSystem, endpoint.id)).rejects.toMatchObject(FORBIDDEN);
    await expect(
      recordDeliveryAttempt(relayAsSystem, {
        endpointId: endpoint.id,
        eventType: "block.created",
        payload: {},
        attempt: 1,
        responseCode: 200,
        error: null,
      }),
    ).rejects.toMatchObject(FORBIDDEN);
    expect(await findEndpointForDelivery(WORKER, endpoint.id)).toMatchObject({ id: endpoint.id });

    await deactivateWebhookEndpoint(live, endpoint.id);
    expect(await findEndpointForDelivery(WORKER, endpoint.id)).toBeNull();
  });
});

describe("API keys are the operator's alone", () => {
  it("refuse a relay's key as the caller", async () => {
    const relay = (await relayKey()) as unknown as SystemCaller;
    await expect(createApiKey(relay, { name: "minted by the relay" })).rejects.toMatchObject(FORBIDDEN);
    await expect(listApiKeys(relay)).rejects.toMatchObject(FORBIDDEN);
    await expect(revokeApiKey(relay, { idOrPrefix: relay.id })).rejects.toMatchObject(FORBIDDEN);
    expect(await getDb().apiKey.count({ where: { name: "minted by the relay" } })).toBe(0);
    expect((await listApiKeys(OPERATOR)).find((key) => key.id === relay.id)?.revokedAt).toBeNull();
  });
});
