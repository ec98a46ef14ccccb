import { describe, expect, it } from "vitest";
import { changePasswordSchema, PASSWORD_MAX_BYTES, passwordBytes, resetPasswordSchema } from "@/lib/auth/password-form";

const reset = (password: string) => resetPasswordSchema.safeParse({ password, confirm: password });
const errorsOf = (result: ReturnType<typeof reset>) =>
  result.success ? [] : result.error.issues.map((i) => i.message);

describe("a new password's length in bytes (bcrypt reads only the first 72), said in characters", () => {
  it("refuses 73 bytes made of multi-byte characters, in characters, never bytes: how many off its end are enough", () => {
    // 33 letters + 20 × "é" (2 bytes each) = 73 bytes, only 53 characters.
    const password = `${"a".repeat(33)}${"é".repeat(20)}`;
    expect(password.length).toBe(53);
    expect(passwordBytes(password)).toBe(73);
    expect(errorsOf(reset(password))).toEqual([
      "This password is too long: use fewer characters (accented letters, emoji and some symbols count as more than one). Removing the last character is enough.",
    ]);
    const emoji = `${"a".repeat(60)}🙂🙂🙂🙂`; // 60 + 16 bytes: one emoji off its end is enough
    expect(errorsOf(reset(emoji))).toEqual([expect.stringMatching(/Removing the last character is enough\.$/)]);
    // A flag is one character (two code points, 8 bytes), an accented letter typed as e + ◌́ too (3 bytes).
    const flags = `${"a".repeat(60)}🇫🇷🇫🇷`; // 76 bytes
    expect(errorsOf(reset(flags))).toEqual([expect.stringMatching(/Removing the last character is enough\.$/)]);
    const combining = `${"a".repeat(66)}${"e\u0301".repeat(3)}`; // 75 bytes
    expect(errorsOf(reset(combining))).toEqual([expect.stringMatching(/Removing the last character is enough\.$/)]);
    const mixed = `${"é".repeat(10)}${"a".repeat(60)}`; // 80 bytes: 8 plain letters off its end
    expect(errorsOf(reset(mixed))).toEqual([expect.stringMatching(/Removing the last 8 characters is enough\.$/)]);
    for (const message of errorsOf(reset(mixed))) expect(message).not.toMatch(/byte/);
  });

  it("says exactly how many characters to remove when each counts as one", () => {
    expect(errorsOf(reset("a".repeat(73)))).toEqual([
      "This password is too long: use at most 72 characters. It has 73: remove 1 character.",
    ]);
    expect(errorsOf(reset("correct horse battery staple! ".repeat(3)))).toEqual([
      "This password is too long: use at most 72 characters. It has 90: remove 18 characters.",
    ]);
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
      ["password", expect.stringContaining("It has 100: remove 28 characters.")],
    ]);
  });
});
