/*
 * Whether a server-action body is one this app's forms could have sent, checked before
 * Next decodes it: Next answers a body its decoder (React's reply format) chokes on with
 * 500. This is an allowlist of what the forms send, not a second decoder:
 *
 * - a fetch (`Next-Action` header) sends the action's arguments as React's reply
 *   encoding: one JSON row (text/plain), or a multipart form whose field "0" is that row
 *   and whose other fields are the FormData passed in. The row must be an argument list,
 *   and every string in it that starts with "$" (React's mark for "not a plain string")
 *   must be one that stands on its own: an escaped "$", undefined, NaN, ±Infinity, -0, a
 *   date, a BigInt, an opaque client value, or a FormData argument ("$K…", read from the
 *   form's prefixed fields). References to other rows (Maps, Sets, promises, server
 *   functions, typed arrays, streams) are refused: no form here sends them.
 * - a form posted without JavaScript names the action in a `$ACTION_ID_…` field, or, for an
 *   action with bound arguments, in `$ACTION_REF_n` with its metadata in `$ACTION_n:0`
 *   (`{"id":…,"bound":"$@k"}`) and the bound list in `$ACTION_n:k`, held to the same rule.
 */

/** Next refuses longer argument lists with 500 (SERVER_ACTION_ARGS_LIMIT in its action handler). */
const MAX_ARGUMENTS = 1000;

const STANDALONE = /^\$(?:\$|K[0-9a-f]+$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D|n-?[0-9]+$|T$)/;

/**
 * Far deeper than any form state nests (a few levels), far shallower than what overflows
 * React's recursive decoder (which then answers 500).
 */
const MAX_DEPTH = 64;

/**
 * Every string value in a JSON value (keys are not decoded), or null when it nests deeper
 * than MAX_DEPTH. Without recursion: a hostile body may nest deeply.
 */
function stringsIn(value: unknown): string[] | null {
  const strings: string[] = [];
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item === "string") strings.push(item);
    else if (item !== null && typeof item === "object") {
      if (depth >= MAX_DEPTH) return null;
      // One by one: spreading a million-element array into push() would overflow the stack.
      for (const entry of Object.values(item)) stack.push([entry, depth + 1]);
    }
  }
  return strings;
}

function parseJson(text: unknown): { value: unknown } | null {
  if (typeof text !== "string") return null;
  try {
    return { value: JSON.parse(text) };
  } catch {
    return null;
  }
}

/** An argument list in React's reply encoding that stands on its own. */
function isPlainArgumentList(row: unknown): boolean {
  const parsed = parseJson(row);
  if (!parsed || !Array.isArray(parsed.value) || parsed.value.length > MAX_ARGUMENTS) return false;
  const strings = stringsIn(parsed.value);
  return strings !== null && strings.every((text) => !text.startsWith("$") || STANDALONE.test(text));
}

/** A form posted without JavaScript: its bound arguments, if it names any, must stand on their own. */
function hasPlainBoundArguments(form: FormData): boolean {
  for (const name of form.keys()) {
    const ref = /^\$ACTION_REF_(.*)$/.exec(name)?.[1];
    if (ref === undefined) continue;
    const meta = parseJson(form.get(`$ACTION_${ref}:0`))?.value as { id?: unknown; bound?: unknown } | undefined;
    if (!meta || typeof meta !== "object" || typeof meta.id !== "string") return false;
    if (meta.bound === null || meta.bound === undefined) continue;
    const row = typeof meta.bound === "string" ? /^\$@([0-9a-f]+)$/.exec(meta.bound)?.[1] : undefined;
    if (row === undefined || !isPlainArgumentList(form.get(`$ACTION_${ref}:${parseInt(row, 16)}`))) return false;
  }
  return true;
}

/**
 * Why Next could not decode this server-action body, in words for the client, or null
 * when it can. `fetchAction`: the post carries the `Next-Action` header.
 */
export async function undecodableActionBody(
  contentType: string,
  fetchAction: boolean,
  body: Buffer,
): Promise<string | null> {
  // Next's own test (case-sensitive): anything else is not read as a form.
  if (contentType.startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(body), { headers: { "Content-Type": contentType } }).formData();
    } catch {
      return "The form data could not be read: its multipart framing is broken.";
    }
    if (fetchAction ? !isPlainArgumentList(form.get("0")) : !hasPlainBoundArguments(form)) {
      return "The form data is not what this site's forms send.";
    }
    return null;
  }
  // Next answers a urlencoded post itself (404), and a post without Next-Action is no action.
  if (!fetchAction || contentType === "application/x-www-form-urlencoded") return null;
  return isPlainArgumentList(body.toString("utf8")) ? null : "The server action's arguments could not be read.";
}
