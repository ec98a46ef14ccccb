import { z } from "zod";

/*
 * Text typed into a public form is stored in Postgres `text` and `jsonb` columns. Both
 * reject U+0000, and jsonb rejects unpaired surrogates, so such characters would turn a
 * harmless submission into a database error. They are replaced (or removed) here, before
 * validation, so the stored text and the length the user is told about are the same.
 */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Control characters other than tab and newline carry no meaning in a note to a reviewer.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Normalises submitted text: storable characters, `\n` line ends, no outer whitespace. */
export function cleanFormText(value: string): string {
  return value.replace(/\r\n?/g, "\n").replace(CONTROL, "").replace(UNPAIRED_SURROGATE, "\uFFFD").trim();
}

/**
 * Characters as Postgres counts them (code points), so a limit checked here is the limit
 * the database's CHECK constraint enforces: "😀" is one character, not two.
 */
export function characterCount(value: string): number {
  return Array.from(value).length;
}

const asText = (value: unknown) => (typeof value === "string" ? cleanFormText(value) : "");

const withCount = (n: number) => n.toLocaleString("en-GB");

/** A required text field of `min`–`max` characters. */
export function requiredText(label: string, min: number, max: number) {
  return z.preprocess(
    asText,
    z
      .string()
      .refine((v) => v.length > 0, `Please fill in ${label}.`)
      .refine((v) => v.length === 0 || characterCount(v) >= min, {
        message: `Please write at least ${withCount(min)} characters in ${label}.`,
      })
      .refine((v) => characterCount(v) <= max, {
        message: `Please keep ${label} to ${withCount(max)} characters or fewer.`,
      }),
  );
}

/** An optional text field of at most `max` characters; empty becomes `undefined`. */
export function optionalText(label: string, max: number) {
  return z.preprocess(
    asText,
    z
      .string()
      .refine((v) => characterCount(v) <= max, {
        message: `Please keep ${label} to ${withCount(max)} characters or fewer.`,
      })
      .transform((v) => (v.length > 0 ? v : undefined)),
  );
}

// RFC 5321 caps a forward path at 256 octets, so 254 characters is the longest address.
const emailSchema = z
  .string()
  .max(254, "That email address is too long.")
  .pipe(z.email("Please enter a whole email address, like name@example.com."));

/** A required contact address. */
export const requiredEmail = z.preprocess(
  asText,
  z.string().min(1, "Please enter an email address we can reply to.").pipe(emailSchema),
);

/** An optional contact address; empty becomes `undefined`. */
export const optionalEmail = z.preprocess((value) => asText(value) || undefined, emailSchema.optional());
