/*
 * Prisma's `{ equals, mode: "insensitive" }` is no equality on PostgreSQL: it becomes
 * `column ILIKE $1`, and Prisma does not escape the value (prisma/prisma#10810), so `_`
 * in it matched any one character and `%` any run. An email address may hold both (`_`
 * is common), so `_taff@example.net` found `staff@example.net`. These escape the value.
 */

/** `text` as a LIKE pattern that matches only itself (PostgreSQL's default escape character, `\`). */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A Prisma string filter for `text` ignoring case, and nothing else. */
export const equalsIgnoringCase = (text: string) => ({ equals: escapeLike(text), mode: "insensitive" as const });
