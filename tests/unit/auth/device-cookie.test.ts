import { describe, expect, it } from "vitest";
import { DEVICE_COOKIE_MAX_AGE_SECONDS, issueDeviceToken, readDeviceToken } from "@/lib/auth/device-cookie";

const SECRET = "unit-test-secret-0123456789abcdefghijklmnop";
const NOW = Date.UTC(2026, 11, 7, 12);
const CLAIMS = {
  userId: "0b9f6c1e-4a52-4c39-9d43-2f1f3cc1b8a0",
  deviceVersion: 2,
  deviceId: "q1YlN3s2bV8kR0tYcW1aZw",
  issuedAt: NOW / 1000 - 3600,
};

describe("device cookies", () => {
  it("carry the login, its device version, the device id and when they were issued", () => {
    expect(readDeviceToken(issueDeviceToken(CLAIMS, SECRET), SECRET, NOW)).toEqual(CLAIMS);
  });

  it("are refused under another secret, with any part changed, or when they are no such cookie", () => {
    const token = issueDeviceToken(CLAIMS, SECRET);
    expect(readDeviceToken(token, `${SECRET}-rotated`, NOW)).toBeNull();
    const parts = token.split(".");
    for (const [index, value] of [
      [0, "0b9f6c1e-4a52-4c39-9d43-2f1f3cc1b8a1"],
      [1, "3"],
      [2, "q1YlN3s2bV8kR0tYcW1aZx"],
      [3, String(CLAIMS.issuedAt + 1)],
      [4, "A".repeat(43)],
    ] as const) {
      const changed = parts.map((part, i) => (i === index ? value : part)).join(".");
      expect(readDeviceToken(changed, SECRET, NOW), `part ${index}`).toBeNull();
    }
    for (const other of [undefined, "", "not a cookie", `${token}.extra`, token.slice(0, -1), "x".repeat(500)])
      expect(readDeviceToken(other, SECRET, NOW)).toBeNull();
  });

  it("are refused a year after they were issued, and when issued in the future", () => {
    const issued = (ageSeconds: number) => issueDeviceToken({ ...CLAIMS, issuedAt: NOW / 1000 - ageSeconds }, SECRET);
    expect(readDeviceToken(issued(DEVICE_COOKIE_MAX_AGE_SECONDS - 60), SECRET, NOW)).not.toBeNull();
    expect(readDeviceToken(issued(DEVICE_COOKIE_MAX_AGE_SECONDS + 60), SECRET, NOW)).toBeNull();
    expect(readDeviceToken(issued(-3600), SECRET, NOW)).toBeNull();
  });
});
