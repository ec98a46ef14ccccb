import { z } from "zod";

/*
 * Filters in a URL's query (the console's queue and audit log, the owner's block history:
 * GET forms, hand-editable links) become parameters of Postgres statements. A value that
 * passes the app's own checks must not then fail in Postgres as a server error: its text
 * cannot hold U+0000 (`%00` in a link), and its dates have no year 0 (`0000-01-01` is a
 * day to JavaScript, "out of range" to Postgres). These are the checks the filters share.
 */

// No address, name, reference or id contains a control character.
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** A free-text filter as searched for: control characters removed, outer whitespace trimmed. */
export function queryText(value: string): string {
  return value.replace(CONTROL, "").trim();
}

/** An empty or missing filter parameter is no filter; one that does not parse is dropped, not an error. */
export const optionalFilter = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), schema.optional()).catch(undefined);

/** A free-text filter parameter: queryText, at most `max` characters; empty is no filter. */
export const textFilter = (max: number) =>
  z
    .preprocess((v) => (typeof v === "string" ? queryText(v).slice(0, max) : undefined), z.string().optional())
    .transform((v) => v || undefined);

/**
 * Whether `at` (`YYYY-MM-DD`, optionally followed by `THH:MM:SS…`) names a moment that
 * exists, in a year Postgres has: "2001-02-31" matches the pattern but is no day, and year
 * 0000 is a JavaScript date but none of Postgres's.
 */
export function isRealMoment(at: string): boolean {
  const date = new Date(`${at.slice(0, 23)}${at.length > 10 ? "Z" : "T00:00:00Z"}`);
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1) return false;
  const length = Math.min(at.length, 19);
  return date.toISOString().slice(0, length) === at.slice(0, length);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A UTC calendar day, `YYYY-MM-DD`, that exists and that Postgres can compare with. */
export const isCalendarDay = (value: string): boolean => DAY.test(value) && isRealMoment(value);
