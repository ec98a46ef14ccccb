import { describe, expect, it } from "vitest";
import { changePasswordSchema, PASSWORD_MAX_BYTES, passwordBytes, resetPasswordSchema } from "@/lib/auth/password-form";

const reset = (password: string) => resetPasswordSchema.safeParse({ password, confirm: password });
const errorsOf = (result: ReturnType<typeof reset>) =>
  result.success ? [] : result.error.issues.map((i) => i.message);

describe("a new password's length in bytes (bcrypt reads only the first 72)", () => {
  it("refuses 73 bytes made of multi-byte characters, saying how many bytes it is and how many to take off", () => {
    // 33 letters + 20 × "é" (2 bytes each) = 73 bytes, only 53 characters.
    const password = `${"a".repeat(33)}${"é".repeat(20)}`;
    expect(password.length).toBe(53);
    expect(passwordBytes(password)).toBe(73);
    expect(errorsOf(reset(password))).toEqual([
      "Use at most 72 bytes: 72 plain letters, digits or spaces, fewer with accented letters or emoji. This one is 73 bytes: shorten it by 1 byte.",
    ]);
    const emoji = `${"a".repeat(60)}🙂🙂🙂🙂`; // 60 + 16 bytes
    expect(errorsOf(reset(emoji))).toEqual([expect.stringMatching(/This one is 76 bytes: shorten it by 4 bytes\.$/)]);
  });

  it("accepts exactly 72 bytes, plain or multi-byte", () => {
    const accented = `${"a".repeat(32)}${"é".repeat(20)}`;
    const emoji = `${"a".repeat(56)}🙂🙂🙂🙂`;
    for (const password of ["a".repeat(72), accented, emoji]) {
      expect(passwordBytes(password), password).toBe(PASSWORD_MAX_BYTES);
      expect(reset(password).success, password).toBe(true);
    }
  });

  it("limits the new password when changing it, but never the current one", () => {
    const long = "a long passphrase, set before the limit was. ".repeat(2) + "1234567890"; // 100 bytes
    expect(
      changePasswordSchema.safeParse({ current: long, password: "a".repeat(72), confirm: "a".repeat(72) }).success,
    ).toBe(true);
    const refused = changePasswordSchema.safeParse({ current: "whatever", password: long, confirm: long });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["password", expect.stringContaining("This one is 100 bytes: shorten it by 28 bytes.")],
    ]);
  });
});
