import { z } from "zod";
import { isLoopbackHttp } from "./http/loopback-http";

const SECURITY_CONTACT_FORMS = "expected an email address, or a mailto:, https: or tel: URI";

// The only reader of process.env. Imported by next.config.mjs, so a bad environment fails
// the build as well as the start.
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).default("http://localhost:3000"),
  RELAY_NAME: z.string().min(1).max(80).default("Example Relay"),
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  /** Seals report secrets so the server can say a block's link again (lib/report-link/sealed-secret.ts). */
  REPORT_LINK_KEY: z.string().min(32).optional(),
  NEXTAUTH_URL: z.url().optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default("Block Reports <no-reply@reports.example.net>"),
  COMPLIANCE_EMAIL: z.email().default("compliance@example.net"),
  APPEAL_COOLDOWN_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 30)
    .default(24),
  /** What the report says a review takes while too few recent decisions exist to measure it: median and 90th percentile, hours. */
  REVIEW_FALLBACK_MEDIAN_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(24),
  REVIEW_FALLBACK_P90_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(72),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  /** A reviewer's claim on a queue item lapses after this long without them opening or acting on it. */
  CLAIM_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(30),
  /** Proxies in front of the app that append to X-Forwarded-For (0: clients connect directly). */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Let webhook endpoints be loopback / private-network addresses: local development only. */
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: z.stringbool().default(false),
  /** The Postfix policy service (`npm run policy-service`, lib/policy). */
  POLICY_HOST: z.string().min(1).default("127.0.0.1"),
  POLICY_PORT: z.coerce.number().int().min(1).max(65535).default(10031),
  /** What the policy service answers when the database cannot be reached: 451 4.3.0 (defer) or DUNNO. */
  POLICY_ON_ERROR: z.enum(["defer", "dunno"]).default("defer"),
  /** Connections the policy service holds at once, in all and from one client address; more are closed at once. */
  POLICY_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  POLICY_MAX_CONNECTIONS_PER_CLIENT: z.coerce.number().int().min(1).max(1_000_000).default(200),
  /**
   * Single sign-on for staff (OpenID Connect, lib/auth/single-sign-on.ts): the provider's
   * issuer URL (https; http only on loopback, for a provider on this machine) and this app's
   * client at it. All three or none.
   */
  OIDC_ISSUER: z
    .url({ protocol: /^https?$/ })
    .refine(
      (issuer) => URL.canParse(issuer) && (new URL(issuer).protocol === "https:" || isLoopbackHttp(issuer)),
      "use https (http only for a provider on this machine: localhost, 127.0.0.1, [::1])",
    )
    .optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(200).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(500).optional(),
  /**
   * Where vulnerabilities are reported (/.well-known/security.txt): an email address or a
   * mailto:, https: or tel: URI. Default: COMPLIANCE_EMAIL.
   */
  SECURITY_CONTACT: z
    .union([
      z.email({ error: SECURITY_CONTACT_FORMS }).transform((address) => `mailto:${address}`),
      z.url({ protocol: /^(mailto|https|tel)$/, error: SECURITY_CONTACT_FORMS }),
    ])
    .optional(),
});

export type Env = Omit<z.infer<typeof envSchema>, "SECURITY_CONTACT"> & { SECURITY_CONTACT: string };

function loadEnv(): Env {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`Invalid environment:\n${problems}`);
  }
  const oidc = [parsed.data.OIDC_ISSUER, parsed.data.OIDC_CLIENT_ID, parsed.data.OIDC_CLIENT_SECRET];
  if (oidc.some(Boolean) && !oidc.every(Boolean))
    throw new Error(
      "Invalid environment:\n  OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET: set all three for single sign-on, or none",
    );
  const { SECURITY_CONTACT, ...values } = parsed.data;
  return { ...values, SECURITY_CONTACT: SECURITY_CONTACT ?? `mailto:${values.COMPLIANCE_EMAIL}` };
}

export const env: Env = loadEnv();

export function requireDatabaseUrl(): string {
  if (!env.DATABASE_URL) {
    throw new Error("DATABASE_URL is not set (npm start sets it for the embedded database)");
  }
  return env.DATABASE_URL;
}
