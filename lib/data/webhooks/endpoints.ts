import "server-only";
import { randomBytes } from "node:crypto";
import { assertRelayCaller, assertSystemCaller, type RelayCaller, type SystemCaller } from "@/lib/data/callers";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { redactUrlCredentials } from "@/lib/http/url-credentials";
import { registrationRefusal } from "@/lib/webhooks/address-policy";

/*
 * Where webhook deliveries go. Managed by the relay with its API key (every function takes
 * the relay's key and refuses a revoked one; the delivery job is SYSTEM); an endpoint is
 * either one account's (only that account's events) or relay-wide (every account's).
 * The signing secret must stay readable to sign with, so it is stored in clear and shown
 * to the relay only once, at creation. Credentials in a URL (`https://user:pass@…`) are
 * used to deliver (as Basic authentication) but never shown back: every answer masks them.
 */

export interface WebhookEndpointDto {
  id: string;
  url: string;
  events: string[];
  accountId: string | null;
  active: boolean;
  createdAt: string;
}

const SELECT = { id: true, url: true, events: true, accountId: true, active: true, createdAt: true } as const;
type Row = { id: string; url: string; events: string[]; accountId: string | null; active: boolean; createdAt: Date };
const toDto = (row: Row): WebhookEndpointDto => ({
  ...row,
  url: redactUrlCredentials(row.url),
  createdAt: row.createdAt.toISOString(),
});

/**
 * Refuses a URL whose host is a loopback, private, link-local or otherwise non-public
 * address, as written or as its name resolves now (lib/webhooks/address-policy.ts), unless
 * WEBHOOK_ALLOW_PRIVATE_ADDRESSES. Deliveries check again, after resolving, every time.
 */
async function assertDeliverableUrl(url: string): Promise<void> {
  const refusal = await registrationRefusal(new URL(url), { allowPrivate: env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES });
  if (!refusal) return;
  const target =
    refusal.host === refusal.address
      ? `The host ${refusal.host} is`
      : `The host ${refusal.host} resolves to ${refusal.address},`;
  throw new AppError(
    "INVALID",
    `url: ${target} ${refusal.reason}. Webhooks are only delivered to public internet addresses: use the receiver's public address or a host name that resolves to one. (A local development setup can allow private addresses with WEBHOOK_ALLOW_PRIVATE_ADDRESSES=true.)`,
    { field: "url" },
  );
}

/** Registers an endpoint and returns its signing secret once. Caller: the relay (API key). */
export async function createWebhookEndpoint(
  relay: RelayCaller,
  input: { url: string; events: string[]; accountId?: string | undefined },
): Promise<WebhookEndpointDto & { secret: string }> {
  await assertRelayCaller(getDb(), relay);
  await assertDeliverableUrl(input.url);
  if (input.accountId) {
    const account = await getDb().account.findUnique({ where: { id: input.accountId }, select: { id: true } });
    if (!account) throw new AppError("NOT_FOUND", "No account has this id.", { field: "accountId" });
  }
  const secret = `whsec_${randomBytes(32).toString("base64url")}`;
  const row = await getDb().webhookEndpoint.create({
    data: { url: input.url, events: [...new Set(input.events)], accountId: input.accountId ?? null, secret },
    select: SELECT,
  });
  return { ...toDto(row), secret };
}

/** Every active endpoint, newest first (secrets are never listed). Caller: the relay (API key). */
export async function listWebhookEndpoints(relay: RelayCaller): Promise<WebhookEndpointDto[]> {
  await assertRelayCaller(getDb(), relay);
  const rows = await getDb().webhookEndpoint.findMany({
    where: { active: true },
    select: SELECT,
    orderBy: { createdAt: "desc" },
  });
  return rows.map(toDto);
}

/**
 * Deactivates an endpoint: no new deliveries; its delivery log stays. Caller: the relay.
 * Jobs already queued for it are dropped when they run.
 */
export async function deactivateWebhookEndpoint(relay: RelayCaller, id: string): Promise<void> {
  await assertRelayCaller(getDb(), relay);
  const { count } = await getDb().webhookEndpoint.updateMany({ where: { id, active: true }, data: { active: false } });
  if (count === 0) throw new AppError("NOT_FOUND", "No active webhook endpoint has this id.");
}

/** The endpoint a queued delivery goes to, with its secret, or null when gone or inactive. Caller: the delivery job. */
export async function findEndpointForDelivery(
  system: SystemCaller,
  id: string,
): Promise<{ id: string; url: string; secret: string } | null> {
  assertSystemCaller(system);
  return getDb().webhookEndpoint.findFirst({
    where: { id, active: true },
    select: { id: true, url: true, secret: true },
  });
}

export interface DeliveryAttempt {
  endpointId: string;
  eventType: string;
  payload: unknown;
  attempt: number;
  responseCode: number | null;
  error: string | null;
}

/** Logs one delivery attempt (webhook_delivery). Caller: the delivery job, once per attempt. */
export async function recordDeliveryAttempt(system: SystemCaller, attempt: DeliveryAttempt): Promise<void> {
  assertSystemCaller(system);
  await getDb().webhookDelivery.create({
    data: {
      endpointId: attempt.endpointId,
      eventType: attempt.eventType,
      attempt: attempt.attempt,
      payload: attempt.payload as object,
      responseCode: attempt.responseCode,
      error: attempt.error?.slice(0, 2000) ?? null,
    },
  });
}
