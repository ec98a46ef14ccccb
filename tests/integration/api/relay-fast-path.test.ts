import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/v1/blocks/route";
import { serveRelayApi } from "@/lib/api/relay-fast-path";
import { apiRequest, createBlockBody, createTestKey, noParams } from "./api-support";

let key: string;
let server: Server;
let base: string;

beforeAll(async () => {
  ({ key } = await createTestKey());
  // A front server as scripts/serve.ts builds one: the fast path first, then "Next" (here a marker).
  server = createServer((req, res) => {
    void serveRelayApi(req, res).then((handled) => {
      if (!handled) res.writeHead(418, { "x-fell-through": "1" }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the relay API's front-server fast path", () => {
  it("answers exactly what the route handler answers", async () => {
    const body = await createBlockBody({ senderAddress: "news@shop.example" });
    await POST(apiRequest("/api/v1/blocks", { method: "POST", key, body }), noParams);
    for (const query of [
      `smtpUser=${body.smtpUser.username}&senderAddress=news%40shop.example&status=active`,
      `smtpUser=${body.smtpUser.username}&senderAddress=other%40shop.example`,
      "status=active",
      `smtpUser=${"x".repeat(300)}`,
    ]) {
      const fast = await fetch(`${base}/api/v1/blocks?${query}`, { headers: { authorization: `Bearer ${key}` } });
      const route = await GET(apiRequest(`/api/v1/blocks?${query}`, { key }));
      expect(fast.status).toBe(route.status);
      expect(fast.headers.get("connection")).not.toBe("close"); // keep-alive: the relay reuses its connections
      expect(fast.headers.get("content-type")).toBe(route.headers.get("content-type"));
      expect(fast.headers.get("cache-control")).toBe(route.headers.get("cache-control"));
      expect(await fast.json()).toEqual(await route.json());
    }
  });

  it("creates blocks as the route does: 201 with the link, 200 on extension, 400/413/401 refusals", async () => {
    const body = await createBlockBody();
    const post = (payload: string, headers: Record<string, string> = {}) =>
      fetch(`${base}/api/v1/blocks`, {
        method: "POST",
        body: payload,
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
      });
    const created = await post(JSON.stringify(body));
    expect(created.status).toBe(201);
    const json = await created.json();
    expect(json.smtpReply).toBe(`550 5.7.1 [ABUSE] Sender blocked: spam or abuse detected.\nSee: ${json.reportUrl}`);
    const extended = await post(JSON.stringify(body));
    expect(extended.status).toBe(200);
    expect(await extended.json()).toMatchObject({ id: json.id, existing: true, reportUrl: json.reportUrl });
    expect((await post("{")).status).toBe(400);
    expect((await post(JSON.stringify({ ...body, padding: "x".repeat(300 * 1024) }))).status).toBe(413);
    const replayed = await post(JSON.stringify(body), { "Idempotency-Key": "fast-1" });
    expect(await (await post(JSON.stringify(body), { "Idempotency-Key": "fast-1" })).json()).toEqual(
      await replayed.json(),
    );
    const anonymous = await fetch(`${base}/api/v1/blocks`, {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json" },
    });
    expect(anonymous.status).toBe(401);
  });

  it("refuses a body announced far past the limit without reading it, then closes", async () => {
    const { port } = server.address() as AddressInfo;
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.write(
          `POST /api/v1/blocks HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\n\r\n{"a":`,
        );
      });
      let text = "";
      socket.on("data", (chunk) => (text += chunk.toString()));
      socket.on("close", () => resolve(text));
      socket.on("error", reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 413 /);
    expect(reply.toLowerCase()).toContain("connection: close");
    expect(reply).toContain("PAYLOAD_TOO_LARGE");
  });

  it("re-checks the API key itself", async () => {
    const response = await fetch(`${base}/api/v1/blocks?smtpUser=anyone`);
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("UNAUTHORIZED");
  });

  it("leaves every other request to Next, untouched", async () => {
    const others: [string, RequestInit][] = [
      ["/api/v1/blocks", { method: "PUT", body: "{}", headers: { "content-type": "application/json" } }],
      [
        "/api/v1/blocks/0123456789abcdef0123/lift",
        { method: "POST", body: "{}", headers: { "content-type": "application/json" } },
      ],
      ["/api/v1/blocks/0123456789abcdef0123/attempts", {}],
      ["/api/v1/blocksX?smtpUser=a", {}],
      ["/api/v1/openapi.json", {}],
      ["/?id=0123456789abcdef0123&auth=x", {}],
    ];
    for (const [path, init] of others) {
      const response = await fetch(`${base}${path}`, init);
      expect(response.headers.get("x-fell-through"), path).toBe("1");
    }
  });
});
