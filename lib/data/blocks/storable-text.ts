/*
 * Postgres text cannot hold U+0000, and a JSON document (jsonb) cannot hold an unpaired
 * UTF-16 surrogate either. Text a caller hands us is refused up front when it contains
 * one, rather than failing deep inside a statement as a server error.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isStorableText = (text: string): boolean => !UNSTORABLE.test(text);

export const UNSTORABLE_TEXT_MESSAGE = "must not contain NUL characters or unpaired surrogates";
