import { formatWithOptions, stripVTControlCharacters } from "node:util";
import pino from "pino";
import { env } from "@/lib/env";
import { redactUrlCredentials } from "@/lib/http/url-credentials";

// Report links are capabilities: the `auth` parameter must never reach a log line, whether
// it arrives as a field or inside a URL string. Nor may credentials in a URL (`user:pass@`).
const SECRET_IN_TEXT = /([?&]auth=)[^&\s"'#]+/gi;
const REDACTED = "[redacted]";

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactUrlCredentials(value.replace(SECRET_IN_TEXT, `$1${REDACTED}`), REDACTED);
  if (depth > 4 || value === null || typeof value !== "object") return value;
  // Left whole for the `err` serializer below, which scrubs what it makes of it.
  if (value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrub(item, depth + 1)]));
}

/** The application's logger configuration; `destination` lets tests read what it writes. */
export function createLogger(level: pino.LevelWithSilent, destination?: pino.DestinationStream): pino.Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: [
          "auth",
          "*.auth",
          "secret",
          "*.secret",
          "password",
          "*.password",
          "apiKey",
          "*.apiKey",
          "authorization",
          "*.authorization",
          "headers.authorization",
          "*.headers.authorization",
          "headers.cookie",
          "*.headers.cookie",
        ],
        censor: REDACTED,
      },
      // Errors are logged as `err` (one shape everywhere): type, message, stack and cause survive,
      // scrubbed like any other text, because a failing fetch or render can quote its URL.
      serializers: { err: (error: unknown) => scrub(error instanceof Error ? pino.stdSerializers.err(error) : error) },
      formatters: {
        log: (object) => scrub(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => scrub(arg)) as Parameters<typeof method>);
        },
      },
    },
    destination ?? pino.destination(1),
  );
}

export const logger = createLogger(env.LOG_LEVEL ?? (env.NODE_ENV === "test" ? "silent" : "info"));

const CONSOLE_LEVELS = {
  trace: "trace",
  debug: "debug",
  log: "info",
  info: "info",
  warn: "warn",
  error: "error",
} as const;

/**
 * Sends console.* through the logger, so what libraries print (Next's render errors and
 * warnings, next-auth, anything else) becomes one JSON line per call, with the same
 * redaction, instead of multi-line text. For the long-running processes (scripts/serve.ts,
 * the worker, npm start's worker); command-line tools keep their console.
 */
export function routeConsoleToLogger(target: pino.Logger = logger): void {
  for (const [method, level] of Object.entries(CONSOLE_LEVELS) as [keyof typeof CONSOLE_LEVELS, pino.Level][]) {
    console[method] = (...args: unknown[]) => {
      const error = args.find((arg): arg is Error => arg instanceof Error);
      const text = stripVTControlCharacters(
        formatWithOptions({ colors: false, breakLength: Infinity }, ...args.filter((arg) => arg !== error)),
      ).trim();
      // A plain object, so the secret scrubbing reaches the message and stack too.
      if (error) target[level]({ err: pino.stdSerializers.err(error) }, text || error.message);
      else target[level](text);
    };
  }
}
