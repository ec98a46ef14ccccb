import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/v1/blocks/route";
import { serveStatusCheck } from "@/lib/api/status-check-fast-path";
import { apiRequest, createBlockBody, createTestKey, noParams } from "./api-support";

let key: string;
let server: Server;
let base: string;

beforeAll(async () => {
  ({ key } = await createTestKey());
  // A front server as scripts/serve.ts builds one: the fast path first, then "Next" (here a marker).
  server = createServer((req, res) => {
    void serveStatusCheck(req, res).then((handled) => {
      if (!handled) res.writeHead(418, { "x-fell-through": "1" }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the status check's front-server fast path", () => {
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
      const route = await GET(apiRequest(`/api/v1/blocks?${query}`, { key }), noParams);
      expect(fast.status).toBe(route.status);
      expect(fast.headers.get("content-type")).toBe(route.headers.get("content-type"));
      expect(fast.headers.get("cache-control")).toBe(route.headers.get("cache-control"));
      expect(await fast.json()).toEqual(await route.json());
    }
  });

  it("re-checks the API key itself", async () => {
    const response = await fetch(`${base}/api/v1/blocks?smtpUser=anyone`);
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("UNAUTHORIZED");
  });

  it("leaves every other request to Next, untouched", async () => {
    const others: [string, RequestInit][] = [
      ["/api/v1/blocks", { method: "POST", body: "{}", headers: { "content-type": "application/json" } }],
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
