import { chooseFoldedSecret, removeLineBreaks } from "./folded-values";

export interface ReportLink {
  id: string;
  auth: string;
}

const WORD = "A-Za-z0-9_-";
const NEWLINE = String.raw`(?:\r\n?|\n)`;
// A line break inside a word: plain wrapping, or a quoted-printable soft line break ("=").
const BREAK = String.raw`(?:=?${NEWLINE})`;
// After a delimiter, a relay's hard wrap or header folding may also indent the next line.
const INDENTED_BREAK = String.raw`(?:=?[ \t]*${NEWLINE}[ \t]*)?`;
// A parameter starts after a non-word character, or after "?" or "&" percent-escaped by a
// link-rewriting gateway (Outlook Safe Links and similar).
const PARAMETER_START = String.raw`(?:^|[^${WORD}]|%3[Ff]|%26)`;

/** `literal`, with a line break allowed between any two of its characters. */
function foldable(literal: string): string {
  return [...literal].join(`${BREAK}?`);
}

// "=" and "&" as a quoted-printable body (=3D), an HTML part (&amp;) or a rewriting
// gateway (%3D, %26) writes them. "=3D" is tried before "=" so that a QP secret does not
// start with "3D"; chooseEqualsReading sorts out a plain secret that really does.
const EQUALS = String.raw`=(?:3[Dd])?|%3[Dd]|&(?:#0*61|#[Xx]0*3[Dd]|equals);`;
const AMPERSAND = String.raw`${INDENTED_BREAK}(?:&(?:${foldable("amp;")}|#0*38;|#[Xx]0*26;)?|%26)${INDENTED_BREAK}`;
const ID = String.raw`(?:[0-9a-f]${BREAK}?){19}[0-9a-f]`;
// At most two line breaks inside a secret: a 43-character secret folds once, twice at a
// very narrow wrap. Unbounded breaks would let one attempt's secret run across the next
// "auth=\n" lines, each of which starts another attempt: quadratic time. The length
// (22–128 once the breaks are sorted out) is checked in code.
const SECRET = String.raw`[${WORD}]{1,128}(?:${BREAK}[${WORD}]{1,128}){0,2}`;
const END = `(?![${WORD}])`;

function key(name: string): string {
  // The boundary is checked once the key has matched: as a lookbehind at the start of the
  // pattern, V8 would evaluate it at every position of the text (several times slower).
  return String.raw`${foldable(name)}(?<=${PARAMETER_START}${foldable(name)})${BREAK}?`;
}

function idParameter(group: string): string {
  return String.raw`${key("id")}(?<${group}Equals>${EQUALS})${INDENTED_BREAK}(?<${group}>${ID})`;
}

function authParameter(group: string, { atomic }: { atomic: boolean }): string {
  const prefix = String.raw`${key("auth")}(?<${group}Equals>${EQUALS})${INDENTED_BREAK}`;
  // Before "&id=" only the longest secret can be followed by "&", so the secret is made
  // atomic (lookahead plus backreference) and a failed attempt does not backtrack through
  // every shorter length.
  return atomic
    ? String.raw`${prefix}(?=(?<${group}>${SECRET}))\k<${group}>`
    : String.raw`${prefix}(?<${group}>${SECRET})`;
}

// Only the query matters: the public host and path may change over the years, and a
// pasted bare query string must work too. Both parameter orders are accepted, and the
// line breaks of folded links are allowed inside (see chooseFoldedSecret).
//
// Linear time: every repetition is bounded or stops at a character it cannot contain, a
// line break can only follow a character (never repeat on its own), and each attempt
// starts at a literal "i" or "a".
const REPORT_LINK = new RegExp(
  [
    `${idParameter("id")}${AMPERSAND}${authParameter("auth", { atomic: false })}${END}`,
    `${authParameter("swappedAuth", { atomic: true })}${AMPERSAND}${idParameter("swappedId")}${END}`,
  ].join("|"),
  "g",
);

/**
 * "=3D" before the secret is quoted-printable only if the id's "=" was written the same
 * way; in a plain link it is the first two characters of the secret.
 */
function chooseEqualsReading(idEquals: string, authEquals: string, auth: string): string {
  const isQuotedPrintable = (equals: string) => equals.toUpperCase() === "=3D";
  return isQuotedPrintable(authEquals) && !isQuotedPrintable(idEquals) ? authEquals.slice(1) + auth : auth;
}

function toReportLink(groups: Record<string, string | undefined>): ReportLink | undefined {
  const swapped = groups.id === undefined;
  const id = swapped ? groups.swappedId : groups.id;
  const idEquals = swapped ? groups.swappedIdEquals : groups.idEquals;
  const auth = swapped ? groups.swappedAuth : groups.auth;
  const authEquals = swapped ? groups.swappedAuthEquals : groups.authEquals;
  if (id === undefined || idEquals === undefined || auth === undefined || authEquals === undefined) {
    return undefined;
  }
  const secret = chooseFoldedSecret(chooseEqualsReading(idEquals, authEquals, auth));
  return secret === undefined ? undefined : { id: removeLineBreaks(id), auth: secret };
}

/**
 * Every match in `text` with the index where its first parameter starts, and the report
 * link it holds, or undefined when the secret turned out too short or too long once its
 * line breaks were sorted out (a real link may then start inside what was matched).
 */
export function* matchReportLinks(text: string): Generator<{ index: number; link: ReportLink | undefined }> {
  const pattern = new RegExp(REPORT_LINK);
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const link = toReportLink(match.groups ?? {});
    if (!link) pattern.lastIndex = match.index + 1;
    yield { index: match.index, link };
  }
}
