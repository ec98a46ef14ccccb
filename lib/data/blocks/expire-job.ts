import "server-only";
import type { JobHandler } from "@/lib/jobs/registry";
import { WORKER } from "@/lib/data/callers";
import { expireDueBlocks } from "./expire-due-blocks";

/** The scheduled "blocks.expire" job (every minute, lib/jobs/topics.ts JOB_SCHEDULES). */
export const handleExpireBlocksJob: JobHandler = async (_payload, context) => {
  const expired = await expireDueBlocks(WORKER);
  if (expired > 0) context.log("blocks.expire: expired blocks", { expired });
};
