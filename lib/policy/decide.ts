import "server-only";
import { listActiveBlocks, type ActiveBlock } from "@/lib/data/blocks";
import { isAppError } from "@/lib/errors";
import { POLICY_SERVICE_ACTOR } from "./attempt-counter";
import type { OpenSenders } from "./open-senders";
import type { PolicyRequest } from "./protocol";

export type OnError = "defer" | "dunno";

/** The answer when the block status cannot be read (database unreachable or too slow). */
export const ERROR_ACTIONS: Record<OnError, string> = {
  defer: "451 4.3.0 Sender status temporarily unavailable; try again later",
  dunno: "DUNNO",
};

/** How long a lookup may take before the request gets the POLICY_ON_ERROR answer instead. */
export const LOOKUP_TIMEOUT_MS = 3000;

export interface PolicyDecision {
  action: string;
  /** The block that refused the message, if one did. */
  block: ActiveBlock | null;
  /** Why the status could not be read (the action is then the POLICY_ON_ERROR answer). */
  error?: string;
}

class LookupTimeout extends Error {}

const answerFor = (blocks: ActiveBlock[]): PolicyDecision => {
  const block = blocks[0];
  return block ? { action: block.reply.singleLine, block } : { action: "DUNNO", block: null };
};

/**
 * Whom the request is about. A client that authenticated is matched by its SMTP login
 * (sasl_username) and envelope sender: the login's whole-user blocks and the sender's own.
 * One that did not (mynetworks, no SASL) is matched by envelope sender alone: only blocks
 * of that sender address apply, under any SMTP user. The null sender (`<>`, bounces) is
 * checked against whole-user blocks only.
 */
function queryOf(request: PolicyRequest) {
  const login = request.sasl_username?.trim() ?? "";
  const sender = request.sender?.trim() ?? "";
  if (login !== "") return { smtpUser: login, senderAddress: sender };
  return sender === "" ? null : { senderAddress: sender };
}

/**
 * The answer to one policy request: the blocked sender's exact reply (status line and
 * link on one line, as `action=` allows one line) or DUNNO (no opinion: the remaining
 * restrictions decide). Lookups go through listActiveBlocks, batched with everything else
 * asked in the same turn of the event loop; with `openSenders`, only for senders that may
 * have an open block at all.
 */
export async function decide(
  request: PolicyRequest,
  onError: OnError,
  openSenders?: OpenSenders | null,
): Promise<PolicyDecision> {
  const query = queryOf(request);
  if (!query) return { action: "DUNNO", block: null };
  const login = query.smtpUser ?? "";
  // No open block for this login or address at all: nothing to look up.
  if (openSenders && !openSenders.mayBlock(login, query.senderAddress)) return { action: "DUNNO", block: null };
  const remembered = openSenders?.remembered(login, query.senderAddress);
  if (remembered) return answerFor(remembered);
  const version = openSenders?.version ?? 0;
  let timer: NodeJS.Timeout | undefined;
  try {
    const blocks = await Promise.race([
      listActiveBlocks(POLICY_SERVICE_ACTOR, query),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new LookupTimeout()), LOOKUP_TIMEOUT_MS);
      }),
    ]);
    openSenders?.remember(login, query.senderAddress, blocks, version);
    return answerFor(blocks);
  } catch (error) {
    // A login or address no block can have (unstorable text): not blocked.
    if (isAppError(error) && error.code === "INVALID") return { action: "DUNNO", block: null };
    const reason =
      error instanceof LookupTimeout
        ? `no answer within ${LOOKUP_TIMEOUT_MS} ms`
        : error instanceof Error
          ? error.message
          : String(error);
    return { action: ERROR_ACTIONS[onError], block: null, error: reason };
  } finally {
    clearTimeout(timer);
  }
}
