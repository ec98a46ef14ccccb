import "server-only";
import { AppError } from "@/lib/errors";
import { clientLimitKey, consumeRateLimit } from "@/lib/data/rate-limit";
import { formatWait } from "@/lib/evidence/format";

type SenderAction = "appeal" | "reply" | "case";

const HOUR = 3600;

/*
 * Every accepted submission mails the compliance team, so these limits are about mail
 * volume, counted in Postgres so they hold across app instances. Per block they stop a
 * leaked link from flooding compliance; per client they stop one address from walking
 * many links. The per-block appeal limit stays above 20 so a burst of double submissions
 * is answered with "already requested", which is the truth, rather than "slow down".
 */
export const SENDER_LIMITS: Record<SenderAction, { perClient: number; perBlock: number; windowSeconds: number }> = {
  appeal: { perClient: 30, perBlock: 30, windowSeconds: HOUR },
  reply: { perClient: 20, perBlock: 20, windowSeconds: HOUR },
  case: { perClient: 10, perBlock: 10, windowSeconds: HOUR },
};

/** "45 seconds", "12 minutes": how long a limited client waits, in the words forms show. */
export const waitWords = formatWait;

/** Counts one submission against the client and the block; RATE_LIMITED when either is spent. */
export async function enforceSenderLimits(action: SenderAction, client: string, blockId: string): Promise<void> {
  const limits = SENDER_LIMITS[action];
  for (const [key, limit] of [
    [clientLimitKey(`sender:${action}:client`, client), limits.perClient],
    [`sender:${action}:block:${blockId}`, limits.perBlock],
  ] as const) {
    const result = await consumeRateLimit(key, limit, limits.windowSeconds);
    if (!result.allowed) {
      throw new AppError(
        "RATE_LIMITED",
        `Too many requests for now. Please try again in ${waitWords(result.retryAfterSeconds)}.`,
        {
          retryAfterSeconds: result.retryAfterSeconds,
        },
      );
    }
  }
}
