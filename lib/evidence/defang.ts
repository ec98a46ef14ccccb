/*
 * Evidence text comes from spammers. It is rendered as text only, and URLs are defanged
 * (`hxxps://evil[.]example`) so nothing on the report can be opened by a click, by a
 * mail client's auto-linker, or by pasting it into a browser.
 *
 * What is found: a scheme with its slashes, `www.`, `javascript:`/`vbscript:`/`data:`/`mailto:`,
 * and a host followed by a path, a port, a query or a fragment. A bare host or address with none
 * of these (`evil.example`, `x@evil.example`) is left as written: telling it from ordinary
 * text (file names, versions, "Node.js") would need the list of top-level domains.
 *
 * Every pattern here runs in linear time: scheme names are bounded to 32 characters and
 * host-like runs may only start where such a run starts (fixed-width lookbehinds).
 */

const SCHEME = String.raw`[a-z][a-z0-9+.\-]{0,31}`;
const URL_BODY = String.raw`[^\s<>"'\`]*`;

/* Browsers accept "http:\\", "http:/" and "http:host" for these, so any slashes count. */
const SPECIAL_SCHEMES: Record<string, string> = { http: "hxxp", https: "hxxps", ftp: "fxp" };
const DEFANGED_SCHEMES = new Set(["hxxp", "hxxps", "fxp"]);

const SCHEME_SEPARATOR = new RegExp(String.raw`(${SCHEME}):([\/\\]*)`, "gi");
const SCRIPT_SCHEME = /(?<![a-z0-9+.\-])(javascript|vbscript|data|mailto):/gi;
/* A host starts the string, or follows "//" (protocol-relative) or a scheme's "://". */
const AUTHORITY = /(?<=^|^[/\\]{2}|[:\]][/\\]{2})[^/?#\\\s<>"'`]+/g;
const HOST_DOT = /\[[.\u3002\uFF0E\uFF61]\]|[.\u3002\uFF0E\uFF61]/g;

const URL_IN_TEXT_SOURCE = [
  String.raw`${SCHEME}:[\/\\]{2}`,
  String.raw`(?<![a-z0-9.\-])www\.`,
  String.raw`(?<![a-z0-9+.\-])(?:javascript|vbscript):`,
  String.raw`(?<![a-z0-9+.\-])data:(?=[a-z]+\/)`,
  String.raw`(?<![a-z0-9.\-@])[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}\/`,
  // A mail link, and a host followed by a port or a query or fragment (`evil.example:8080`,
  // `evil.example?session=1`): forms mail clients turn into links too. A host alone at the end
  // of a sentence ("Node.js?") is left as written.
  String.raw`(?<![a-z0-9+.\-])mailto:(?=[^\s<>"'\`])`,
  String.raw`(?<![a-z0-9.\-@])[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}(?::\d{1,5}(?![a-z0-9])|[?#](?=[^\s<>"'\`]))`,
]
  .map((alternative) => `(?:${alternative})${URL_BODY}`)
  .join("|");
/** Every URL-looking substring of free text, as defangText finds them (exported for its tests). */
export const URL_IN_TEXT = new RegExp(URL_IN_TEXT_SOURCE, "gi");
/* The same, tried at one position only. */
const URL_AT = new RegExp(URL_IN_TEXT_SOURCE, "iy");
/*
 * Every match of URL_IN_TEXT holds one of these "anchors": the ":" after a scheme or before a
 * port, "www.", or the "/", "?" or "#" after a host; and before its first anchor it holds only scheme and host
 * characters (isRunChar). So a match can only start inside the run of such characters that
 * ends at an anchor, and defangText tries the pattern only there, not at every position of
 * the text: a 1,500-character message sample costs a fraction of a full scan.
 */
const ANCHOR = /[:/?#]|www\./gi;

/** [a-zA-Z0-9+.-]: what a scheme or a host name is made of. */
function isRunChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 43 ||
    code === 46 ||
    code === 45
  );
}

/*
 * Characters that change what text looks like without being seen: bidirectional controls
 * (marks, embeddings, overrides, isolates), zero-width and other invisible format
 * characters, C0/C1 controls other than tab and line breaks, line/paragraph separators,
 * invisible fillers, and tag characters (which can smuggle hidden ASCII). The zero-width
 * joiner is kept only inside an emoji sequence (👩‍💻), where it is what joins the emoji;
 * variation selectors are kept (emoji presentation).
 */
const INVISIBLE_RANGES = String.raw`\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B\u200C\u200E\u200F\u2028-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB\u{1D173}-\u{1D17A}\u{E0000}-\u{E007F}`;
const EMOJI_BEFORE = String.raw`[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]`;
const INVISIBLES = new RegExp(
  String.raw`[${INVISIBLE_RANGES}]|(?<!${EMOJI_BEFORE})\u200D|\u200D(?!\p{Extended_Pictographic})`,
  "gu",
);

/* Every invisible character above lies outside this set. */
const PLAIN_ASCII = /^[\t\n\r\x20-\x7E]*$/;

function defangScheme(match: string, scheme: string, slashes: string): string {
  const lower = scheme.toLowerCase();
  const replacement = SPECIAL_SCHEMES[lower];
  if (replacement) return `${replacement}:${slashes}`;
  if (DEFANGED_SCHEMES.has(lower) || slashes.length < 2) return match;
  return `${scheme}[:]${slashes}`;
}

/** Brackets every dot (including the ideographic and full-width dots browsers accept). */
function bracketDots(host: string): string {
  return host.replace(HOST_DOT, (dot) => (dot.length === 3 ? dot : `[${dot}]`));
}

/**
 * `https://evil.example/x` → `hxxps://evil[.]example/x`, `javascript:` → `javascript[:]`,
 * other `scheme://` → `scheme[:]//`; dots in hosts are bracketed, nested URLs included.
 * Never throws; already defanged URLs come back unchanged.
 */
export function defangUrl(url: string): string {
  return url.replace(SCHEME_SEPARATOR, defangScheme).replace(AUTHORITY, bracketDots).replace(SCRIPT_SCHEME, "$1[:]");
}

/** Defangs every URL-looking substring of free text (subjects, descriptions); the rest is kept. */
export function defangText(text: string): string {
  // Every form URL_IN_TEXT finds has a "." or a ":" (most evidence strings have neither): skip its scan then.
  if (!text.includes(".") && !text.includes(":")) return text;
  // text.replace(URL_IN_TEXT, defangUrl), trying the pattern only where a match can start
  // (see ANCHOR); tests/unit/evidence/defang.test.ts checks that both give the same text.
  let result = "";
  let copied = 0; // text before this is in result
  let from = 0; // no match starts before this
  ANCHOR.lastIndex = 0;
  for (let anchor = ANCHOR.exec(text); anchor; anchor = ANCHOR.exec(text)) {
    let start = anchor.index;
    while (start > from && isRunChar(text.charCodeAt(start - 1))) start -= 1;
    let match: RegExpExecArray | null = null;
    for (; start <= anchor.index && !match; start += 1) {
      URL_AT.lastIndex = start;
      match = URL_AT.exec(text);
    }
    if (match) {
      result += text.slice(copied, match.index) + defangUrl(match[0]);
      copied = from = match.index + match[0].length;
      ANCHOR.lastIndex = from;
    } else {
      from = anchor.index + 1;
    }
  }
  return copied === 0 ? text : result + text.slice(copied);
}

/**
 * For a URL whose host is internationalised (`pаypal.com` with a Cyrillic "а"), the
 * defanged ASCII form (`xn--pypal-4ve[.]com`) that shows it is not the domain it
 * imitates; otherwise null.
 */
export function asciiHostOf(url: string): string | null {
  const candidate = /^[a-z][a-z0-9+.\-]*:\/\//i.test(url) ? url : `http://${url}`;
  try {
    const host = new URL(candidate).hostname;
    return host.split(".").some((label) => label.startsWith("xn--")) ? bracketDots(host) : null;
  } catch {
    return null;
  }
}

/** The host of a URL, defanged (`evil[.]example`), for naming a listed domain; null when there is none. */
export function defangedHostOf(url: string): string | null {
  const candidate = /^[a-z][a-z0-9+.\-]*:\/\//i.test(url) ? url : `http://${url}`;
  try {
    const host = new URL(candidate).hostname;
    return host ? showInvisibles(bracketDots(host)) : null;
  } catch {
    return null;
  }
}

/**
 * Makes bidirectional controls and other invisible characters visible (`⟨U+202E⟩`,
 * `⟨U+200B⟩`) so hostile text cannot reorder what is displayed around it — turning
 * `exe.pdf` into something that reads as a PDF — or hide words inside others. Used for
 * everything a sender or spammer wrote, on every page and in every mail.
 */
export function showInvisibles(text: string): string {
  // Printable ASCII, tabs and line breaks hold none of them: most text is only that.
  if (PLAIN_ASCII.test(text)) return text;
  return text.replace(INVISIBLES, (c) => `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}⟩`);
}

/** What the report shows for any evidence string: URLs defanged, invisible characters visible. */
export function toDisplayText(text: string): string {
  return showInvisibles(defangText(text));
}
