import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { issueSessionToken, readSessionToken } from "@/lib/auth/session-token";

const SECRET = "unit-test-secret-0123456789abcdefghijklmnop";
const USER = "0b9f6c1e-4a52-4c39-9d43-2f1f3cc1b8a0";

describe("session tokens", () => {
  it("carry the user and the session version they were issued with", async () => {
    const token = await issueSessionToken({ userId: USER, sessionVersion: 3 }, SECRET);
    await expect(readSessionToken(token, SECRET)).resolves.toEqual({ userId: USER, sessionVersion: 3 });
  });

  it("are refused under another secret, altered, missing or without a session version", async () => {
    const token = await issueSessionToken({ userId: USER, sessionVersion: 0 }, SECRET);
    await expect(readSessionToken(token, `${SECRET}-rotated`)).resolves.toBeNull();
    await expect(readSessionToken(`${token.slice(0, -4)}AAAA`, SECRET)).resolves.toBeNull();
    await expect(readSessionToken(undefined, SECRET)).resolves.toBeNull();
    await expect(readSessionToken("not a token", SECRET)).resolves.toBeNull();
    // A token from before session versions (only the user id) no longer opens anything.
    await expect(readSessionToken(await encode({ token: { sub: USER }, secret: SECRET }), SECRET)).resolves.toBeNull();
  });

  it("are refused once expired", async () => {
    const token = await encode({ token: { sub: USER, sv: 0 }, secret: SECRET, maxAge: -60 });
    await expect(readSessionToken(token, SECRET)).resolves.toBeNull();
  });
});
