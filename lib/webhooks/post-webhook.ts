import { Agent, request } from "undici";
import { ForbiddenAddressError, literalHostRefusal, pinnedLookup, type Resolver } from "./address-policy";
import { signatureHeader, SIGNATURE_HEADER } from "./signature";

export const DELIVERY_TIMEOUT_MS = 10_000;

export interface PostResult {
  ok: boolean;
  status: number | null;
  error: string | null;
  /** The address policy refused the target: retrying the same URL cannot succeed. */
  refused: boolean;
}

export interface DeliveryPolicy {
  /** WEBHOOK_ALLOW_PRIVATE_ADDRESSES: also deliver to loopback and private networks (local development). */
  allowPrivate: boolean;
  /** Name resolution (default: the system's, as `dns.lookup`); tests give names their own answers. */
  resolve?: Resolver;
}

const newAgent = (policy: DeliveryPolicy) =>
  new Agent({
    connect: { lookup: pinnedLookup(policy), timeout: DELIVERY_TIMEOUT_MS },
    headersTimeout: DELIVERY_TIMEOUT_MS,
    bodyTimeout: DELIVERY_TIMEOUT_MS,
  });

// One connection pool per policy. Its DNS lookup refuses forbidden addresses and hands the
// socket exactly the addresses it checked (lib/webhooks/address-policy.ts).
const agents = new Map<boolean, Agent>();
function agentFor(policy: DeliveryPolicy): Agent {
  if (policy.resolve) return newAgent(policy);
  let agent = agents.get(policy.allowPrivate);
  if (!agent) {
    agent = newAgent(policy);
    agents.set(policy.allowPrivate, agent);
  }
  return agent;
}

function refusalIn(error: unknown): ForbiddenAddressError | null {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof ForbiddenAddressError) return e;
  }
  return null;
}

/**
 * A URL's `user:pass@` becomes Basic authentication, as a browser would send it; the URL
 * connected to carries no credentials.
 */
function withoutCredentials(url: URL): { url: URL; authorization: string | null } {
  if (!url.username && !url.password) return { url, authorization: null };
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  const bare = new URL(url);
  bare.username = "";
  bare.password = "";
  return { url: bare, authorization: `Basic ${Buffer.from(credentials, "utf8").toString("base64")}` };
}

/**
 * One delivery attempt: POST the body, signed now. 2xx counts as delivered; anything
 * else (other status, timeout, refused connection) is a failure to retry. A target the
 * address policy refuses — an IP literal, or a name resolving to a loopback, private,
 * link-local or otherwise non-public address — is never connected to (`refused`).
 * Redirects are not followed, so a receiver cannot bounce a signed body elsewhere (or
 * into the relay's own network).
 */
export async function postWebhook(
  target: { url: string; secret: string },
  event: { id: string; type: string; body: string },
  policy: DeliveryPolicy,
): Promise<PostResult> {
  const dispatcher = agentFor(policy);
  try {
    const { url, authorization } = withoutCredentials(new URL(target.url));
    const literal = policy.allowPrivate ? null : literalHostRefusal(url);
    if (literal) throw literal;
    const response = await request(url, {
      method: "POST",
      dispatcher,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "BlockReports-Webhooks/1",
        "Block-Reports-Event": event.type,
        "Block-Reports-Delivery": event.id,
        [SIGNATURE_HEADER]: signatureHeader(target.secret, event.body),
        ...(authorization && { Authorization: authorization }),
      },
      body: event.body,
    });
    await response.body.dump().catch(() => {});
    const status = response.statusCode;
    const ok = status >= 200 && status < 300;
    return { ok, status, error: ok ? null : `HTTP ${status}`, refused: false };
  } catch (error) {
    const refusal = refusalIn(error);
    if (refusal) return { ok: false, status: null, error: refusal.message, refused: true };
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return {
      ok: false,
      status: null,
      error: `${error instanceof Error ? error.message : String(error)}${cause}`,
      refused: false,
    };
  } finally {
    if (policy.resolve) await dispatcher.close().catch(() => {});
  }
}
