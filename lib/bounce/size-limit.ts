import { AppError } from "@/lib/errors";

// Imported by the "Find your report" form in the browser as well: no Node APIs here.

/**
 * Upper bound on what the "Find your report" form will parse. A real bounce with its
 * returned message is a few hundred kilobytes at most; anything larger is a mistaken paste
 * (a whole mailbox, a binary) and would only cost CPU on a public endpoint.
 */
export const MAX_BOUNCE_BYTES = 1_000_000;

/**
 * The pasted text is over {@link MAX_BOUNCE_BYTES} in UTF-8. Thrown before any parsing;
 * the message is written for the person who pasted it.
 */
export class BounceTooLargeError extends AppError {
  override readonly name = "BounceTooLargeError";

  constructor(
    readonly actualBytes: number,
    readonly maxBytes: number = MAX_BOUNCE_BYTES,
  ) {
    super(
      "INVALID",
      "The pasted text is larger than 1 MB. Paste only the bounce message (without attachments) or just the report link.",
      { actualBytes, maxBytes },
    );
  }
}
