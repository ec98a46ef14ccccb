import fc from "fast-check";

/*
 * Hostile and ordinary form input for property tests: what a browser sends, what a
 * script sends, and what neither should. Strings cover control characters, NUL, lone
 * surrogates, astral characters, the length limits and far past them.
 */

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const nastyUnit = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary-ascii", minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: loneSurrogate },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "\u0000",
      "\r\n",
      "\u202e",
      "😀",
      "<script>",
      "https://bit.ly/x",
      "'; DROP TABLE appeal;--",
    ),
  },
);

/** Long enough to be accepted, with hostile characters around it: these reach the database. */
const acceptableButHostile = fc
  .tuple(
    fc.string({ unit: nastyUnit, maxLength: 30 }),
    fc.lorem({ maxCount: 12, mode: "words" }),
    fc.string({ unit: nastyUnit, maxLength: 30 }),
  )
  .map(([before, words, after]) => `${before} We removed the purchased list: ${words} ${after}`);

export const text = fc.oneof(
  { weight: 4, arbitrary: acceptableButHostile },
  { weight: 4, arbitrary: fc.string({ unit: nastyUnit, maxLength: 80 }) },
  { weight: 3, arbitrary: fc.lorem({ maxCount: 30, mode: "sentences" }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "",
      "   ",
      "x".repeat(19),
      "x".repeat(20),
      "😀".repeat(20),
      "x".repeat(4000),
      "x".repeat(4001),
      "é".repeat(2001),
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 60_000 }).map((n) => "a".repeat(n)) },
);

export const email = fc.oneof(
  { weight: 4, arbitrary: fc.emailAddress() },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "",
      "ops@example.org",
      "no-at-sign",
      "a@b",
      "x@example.org\r\nBcc: victim@example.org",
      `${"a".repeat(250)}@example.org`,
      '"quoted"@example.org',
    ),
  },
  { weight: 1, arbitrary: text },
);

export const checkbox = fc.constantFrom(undefined, "yes", "on", "true", "no", "", "YES");

/** A form field's value: usually text, sometimes a file (what a multipart post can carry). */
export const fieldValue = (value: fc.Arbitrary<string | undefined>) =>
  fc.oneof(
    { weight: 12, arbitrary: value },
    {
      weight: 1,
      arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => new Blob([bytes]) as Blob | string | undefined),
    },
  );

export type LinkChoice = "valid" | "wrong-secret" | "other-secret" | "malformed" | "missing";
export const linkChoice = fc.constantFrom<LinkChoice>(
  "valid",
  "valid",
  "valid",
  "valid",
  "wrong-secret",
  "other-secret",
  "malformed",
  "missing",
);

export const clientKey = fc.oneof(fc.ipV4(), fc.ipV6(), fc.constant("unknown"));

/** Extra keys a script might add, including ones that look like ours. */
export const junkFields = fc.dictionary(
  fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom("status", "blockId", "reason", "$ACTION_ID_x", "answers", "reference"),
  ),
  fc.string({ maxLength: 40 }),
  { maxKeys: 4 },
);

export function buildFormData(
  link: { id?: string; auth?: string },
  fields: Record<string, Blob | string | undefined>,
  junk: Record<string, string>,
  duplicate: boolean,
): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(junk)) form.append(name, value);
  if (link.id !== undefined) form.set("id", link.id);
  if (link.auth !== undefined) form.set("auth", link.auth);
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    form.append(name, value);
    if (duplicate && typeof value === "string") form.append(name, "second value");
  }
  return form;
}
