import { afterEach, describe, expect, it, vi } from "vitest";

const KEYS = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const;
const saved = Object.fromEntries(KEYS.map((key) => [key, process.env[key]]));

async function loadWith(values: Partial<Record<(typeof KEYS)[number], string>>) {
  for (const key of KEYS) delete process.env[key];
  Object.assign(process.env, values);
  vi.resetModules();
  return (await import("@/lib/env")).env;
}

afterEach(() => {
  for (const key of KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  vi.resetModules();
});

const client = { OIDC_CLIENT_ID: "block-reports", OIDC_CLIENT_SECRET: "secret" };

describe("the single sign-on settings", () => {
  it("are all three or none", async () => {
    expect((await loadWith({})).OIDC_ISSUER).toBeUndefined();
    await expect(loadWith({ OIDC_ISSUER: "https://login.example.com", ...client })).resolves.toMatchObject({
      OIDC_ISSUER: "https://login.example.com",
    });
    await expect(loadWith({ OIDC_ISSUER: "https://login.example.com" })).rejects.toThrow(/set all three/);
    await expect(loadWith({ OIDC_CLIENT_SECRET: "secret" })).rejects.toThrow(/set all three/);
  });

  it("take an https issuer, and http only on loopback", async () => {
    for (const issuer of ["http://localhost:9000", "http://127.0.0.1:9000/realms/x", "http://[::1]:9000"])
      await expect(loadWith({ OIDC_ISSUER: issuer, ...client }), issuer).resolves.toBeTruthy();
    // The host is read from the parsed URL: `localhost:@evil.example` is a user name before evil.example.
    for (const issuer of [
      "http://login.example.com",
      "http://127.0.0.1.evil.example",
      "http://localhost:@evil.example/",
      "http://127.0.0.1@evil.example:9000",
      "ftp://login.example.com",
      "x",
    ])
      await expect(loadWith({ OIDC_ISSUER: issuer, ...client }), issuer).rejects.toThrow(/OIDC_ISSUER/);
  });
});
