import { describe, expect, it, vi } from "vitest";

describe("GET /api/health", () => {
  it("is ready (200) with a database round trip", async () => {
    const { GET } = await import("@/app/api/health/route");
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ live: true, ready: true, database: { ok: true } });
  });

  it("answers 503 when the database is unreachable", async () => {
    vi.resetModules();
    const { disconnectDb } = await import("@/lib/db/client");
    await disconnectDb();
    const realUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = "postgres://nobody:nothing@127.0.0.1:1/none";
    try {
      vi.resetModules();
      const { GET } = await import("@/app/api/health/route");
      const response = await GET();
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ live: true, ready: false, database: { ok: false } });
      await (await import("@/lib/db/client")).disconnectDb();
    } finally {
      process.env.DATABASE_URL = realUrl;
      vi.resetModules();
    }
  });
});
