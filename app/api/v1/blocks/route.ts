import { createBlock } from "@/lib/api/create-block";
import { checkSenderStatus } from "@/lib/api/status-check";

export const dynamic = "force-dynamic";

/*
 * The front server may answer these two before Next does (lib/api/relay-fast-path.ts);
 * it runs the same functions, so the answers are the same either way.
 */

/** The relay's status check before accepting mail: the open blocks that stop this sender. */
export const GET = checkSenderStatus;

/** A detection: creates the block (201, with the report link once) or extends the open one (200). */
export const POST = createBlock;
