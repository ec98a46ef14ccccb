/*
 * Prisma's `{ equals, mode: "insensitive" }` is no equality on PostgreSQL: it becomes
 * `column ILIKE $1`, and Prisma does not escape the value (prisma/prisma#10810), so `_`
 * in it matched any one character and `%` any run. An email address may hold both (`_`
 * is common), so `_taff@example.net` found `staff@example.net`. These escape the value.
 */

/** `text` as a LIKE pattern that matches only itself (PostgreSQL's default escape character, `\`). */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/*
 * ILIKE folds case by PostgreSQL's Unicode rules, under which some non-ASCII letters fold
 * onto ASCII ones: `lower('İ')` and `lower('K')` (the Kelvin sign) are `i` and `k`, so
 * `admİn@example.net` found `admin@example.net`. Only ASCII letters are folded here: text
 * with anything else in it must match exactly (no address a login or notification uses
 * holds non-ASCII: the forms refuse it, so such text matches nothing).
 */
const ASCII = /^[\x00-\x7f]*$/;

/** A Prisma string filter for `text` ignoring the case of ASCII letters, and nothing else. */
export const equalsIgnoringCase = (text: string) =>
  ASCII.test(text) ? { equals: escapeLike(text), mode: "insensitive" as const } : { equals: text };
