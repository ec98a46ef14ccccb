import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { generateApiKey } from "@/lib/api/api-key-format";
import { DEMO_ACCOUNTS } from "@/prisma/seed/demo-content";
import { baseUrl } from "../../support/browser";
import { fiveEvidenceItems } from "../../integration/api/api-support";

let key: string;
let keyId: string;

beforeAll(async () => {
  // What `npm run apikey:create` does, written straight into the running app's database.
  const client = new pg.Client({ connectionString: inject("appDatabaseUrl") });
  await client.connect();
  const generated = generateApiKey();
  const { rows } = await client.query<{ id: string }>(
    "INSERT INTO api_key (name, prefix, key_digest) VALUES ('e2e-relay', $1, $2) RETURNING id",
    [generated.prefix, Buffer.from(generated.digest)],
  );
  await client.end();
  key = generated.key;
  keyId = rows[0]!.id;
});

afterAll(async () => {
  const client = new pg.Client({ connectionString: inject("appDatabaseUrl") });
  await client.connect();
  await client.query("UPDATE api_key SET revoked_at = now() WHERE id = $1", [keyId]);
  await client.end();
});

const api = (path: string, init: RequestInit = {}, withKey = true) =>
  fetch(`${baseUrl()}/api/v1${path}`, {
    ...init,
    headers: {
      ...(withKey && { authorization: `Bearer ${key}` }),
      ...(init.body !== undefined && { "content-type": "application/json" }),
      ...init.headers,
    },
  });

describe("the relay API on the running server", () => {
  it("creates a block whose link opens the report, answers the status check, and lifts it", async () => {
    const username = `e2e-relay-${Date.now()}`;
    const body = {
      accountId: DEMO_ACCOUNTS[0].id,
      smtpUser: { username },
      reason: "SPAM",
      scores: { spam: 91, abuse: 20, rate: 5, combined: 88, threshold: 70 },
      evidence: fiveEvidenceItems(),
    };
    const created = await api("/blocks", {
      method: "POST",
      body: JSON.stringify(body),
      headers: { host: "evil.example" },
    });
    expect(created.status).toBe(201);
    const json = await created.json();
    expect(json.reportUrl.startsWith(`${baseUrl()}/?id=${json.id}&auth=`)).toBe(true);
    expect(json.smtpReply).toBe(`550 5.7.1 [SPAM] Sender blocked: spam content detected.\nSee: ${json.reportUrl}`);

    const report = await fetch(json.reportUrl, { headers: { "X-Forwarded-For": `198.51.100.${Date.now() % 250}` } });
    expect(report.status).toBe(200);

    const check = await api(`/blocks?smtpUser=${username}&status=active`);
    expect(check.status).toBe(200);
    expect(await check.json()).toMatchObject({ blocked: true, blocks: [{ id: json.id, reason: "SPAM" }] });

    const lifted = await api(`/blocks/${json.id}/lift`, {
      method: "POST",
      body: JSON.stringify({ reason: "Resolved in the e2e test" }),
    });
    expect(lifted.status).toBe(200);
    expect((await (await api(`/blocks?smtpUser=${username}`)).json()).blocked).toBe(false);
  });

  it("answers from the front server's fast path with the headers Next gives every response", async () => {
    const fast = await api("/blocks?smtpUser=nobody"); // the fast path (lib/api/relay-fast-path.ts)
    const viaNext = await api("/webhook-endpoints"); // a route handler under Next
    expect(fast.status).toBe(200);
    expect(viaNext.status).toBe(200);
    for (const name of [
      "x-content-type-options",
      "referrer-policy",
      "x-frame-options",
      "permissions-policy",
      "cache-control",
      "content-type",
    ]) {
      expect(fast.headers.get(name), name).toBe(viaNext.headers.get(name));
    }
  });

  it("answers 401 JSON without a key and 413 for an oversized body", async () => {
    const unauthenticated = await api("/blocks?smtpUser=x", {}, false);
    expect(unauthenticated.status).toBe(401);
    expect((await unauthenticated.json()).error.code).toBe("UNAUTHORIZED");
    const oversized = await api("/blocks", {
      method: "POST",
      body: JSON.stringify({ padding: "x".repeat(300 * 1024) }),
    });
    expect(oversized.status).toBe(413);
    expect((await oversized.json()).error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("serves its OpenAPI document with server URL from the configuration", async () => {
    const response = await api("/openapi.json", {}, false);
    expect(response.status).toBe(200);
    const document = await response.json();
    expect(document.openapi).toBe("3.1.0");
    expect(document.servers[0].url).toBe(baseUrl());
  });
});
