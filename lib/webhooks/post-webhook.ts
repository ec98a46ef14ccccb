import { signatureHeader, SIGNATURE_HEADER } from "./signature";

export const DELIVERY_TIMEOUT_MS = 10_000;

export interface PostResult {
  ok: boolean;
  status: number | null;
  error: string | null;
}

/**
 * One delivery attempt: POST the body, signed now. 2xx counts as delivered; anything
 * else (other status, timeout, refused connection) is a failure to retry. Redirects are
 * not followed, so a receiver cannot bounce a signed body elsewhere.
 */
export async function postWebhook(target: { url: string; secret: string }, event: { id: string; type: string; body: string }): Promise<PostResult> {
  try {
    const response = await fetch(target.url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "BlockReports-Webhooks/1",
        "Block-Reports-Event": event.type,
        "Block-Reports-Delivery": event.id,
        [SIGNATURE_HEADER]: signatureHeader(target.secret, event.body),
      },
      body: event.body,
    });
    await response.body?.cancel().catch(() => {});
    const ok = response.status >= 200 && response.status < 300;
    return { ok, status: response.status, error: ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return { ok: false, status: null, error: `${error instanceof Error ? error.message : String(error)}${cause}` };
  }
}
