import { describe, expect, it } from "vitest";
import {
  DEVICE_COOKIE_LOGINS,
  DEVICE_COOKIE_MAX_AGE_SECONDS,
  issueDeviceToken,
  readDeviceCookie,
  readDeviceToken,
  withDeviceToken,
} from "@/lib/auth/device-cookie";

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

  it("hold one token per login, the latest first, at most DEVICE_COOKIE_LOGINS, and nothing forged", () => {
    const login = (n: number) => ({
      ...CLAIMS,
      userId: `0b9f6c1e-4a52-4c39-9d43-2f1f3cc1b8a${n}`,
      deviceId: `q1YlN3s2bV8kR0tYcW1aZ${n}`,
    });
    let value = withDeviceToken([], login(1), SECRET);
    expect(readDeviceCookie(value, SECRET, NOW)).toEqual([login(1)]);
    // An old single-token cookie reads as a list of one.
    expect(readDeviceCookie(issueDeviceToken(login(1), SECRET), SECRET, NOW)).toEqual([login(1)]);
    value = withDeviceToken(readDeviceCookie(value, SECRET, NOW), login(2), SECRET);
    expect(readDeviceCookie(value, SECRET, NOW)).toEqual([login(2), login(1)]);
    // Signing in to a login again moves its token to the front, renewed, without a copy.
    const renewed = { ...login(1), issuedAt: CLAIMS.issuedAt + 60 };
    value = withDeviceToken(readDeviceCookie(value, SECRET, NOW), renewed, SECRET);
    expect(readDeviceCookie(value, SECRET, NOW)).toEqual([renewed, login(2)]);
    // One login more than it holds forgets the one signed in to longest ago.
    for (let n = 3; n <= DEVICE_COOKIE_LOGINS + 1; n += 1)
      value = withDeviceToken(readDeviceCookie(value, SECRET, NOW), login(n), SECRET);
    const held = readDeviceCookie(value, SECRET, NOW);
    expect(held).toHaveLength(DEVICE_COOKIE_LOGINS);
    expect(held[0]).toEqual(login(DEVICE_COOKIE_LOGINS + 1));
    expect(held.map((c) => c.userId)).not.toContain(login(2).userId);
    // A forged or foreign entry is left out, the genuine ones still read; junk reads as none.
    const forged = issueDeviceToken(login(7), `${SECRET}-other`);
    expect(readDeviceCookie(`${forged}~${issueDeviceToken(login(1), SECRET)}`, SECRET, NOW)).toEqual([login(1)]);
    for (const junk of [undefined, "", "~~~", "x".repeat(2000), `${value}~${"x".repeat(2000)}`])
      expect(readDeviceCookie(junk, SECRET, NOW), String(junk).slice(0, 20)).toEqual([]);
  });
});
