import "server-only";
import { recordAttemptsBatch, type BlockActor } from "@/lib/data/blocks";
import { logger } from "@/lib/log";

/** The policy service as the actor of the attempts it counts (events: SYSTEM, "policy-service"). */
export const POLICY_SERVICE_ACTOR: BlockActor = { type: "SYSTEM", id: "policy-service" };

/** At most this many counts wait per block while the database is unreachable; the rest are dropped. */
const MAX_PENDING_PER_BLOCK = 1_000_000;

/*
 * Refused messages are counted against their block through recordAttemptsBatch, the
 * function behind POST /api/v1/blocks/{id}/attempts (recordAttempts is it for one block),
 * so escalation follows the documented policy. A blocked sender may keep sending thousands
 * of messages a second; each would be a locked row update. Counts are therefore added up in
 * memory and written once per interval, every block in one transaction: a flood costs one
 * row update per blocked sender per second, whatever its rate.
 * Escalation depends only on the total (lib/data/blocks/escalation-policy.ts), so a sum
 * escalates exactly as the same attempts reported one by one.
 */
export class AttemptCounter {
  private pending = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  /** Transactions written so far (one per flush), for tests and the benchmark. */
  writes = 0;

  constructor(private readonly intervalMs = 1000) {}

  /** Counts one refused message against the block with this public id. */
  add(publicId: string): void {
    this.pending.set(publicId, Math.min(MAX_PENDING_PER_BLOCK, (this.pending.get(publicId) ?? 0) + 1));
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.intervalMs);
  }

  /** Writes what is pending now (one transaction); resolves when written. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  /** Stops the timer and writes what is left. */
  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private async write(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    if (batch.size === 0) return;
    try {
      this.writes += 1;
      // Blocks lifted, expired or gone meanwhile are skipped: nothing left to count against.
      await recordAttemptsBatch({
        counts: [...batch].map(([publicId, count]) => ({ publicId, count })),
        actor: POLICY_SERVICE_ACTOR,
      });
    } catch (error) {
      logger.warn(
        { blocks: batch.size, err: error instanceof Error ? error.message : String(error) },
        "policy service: attempts not recorded; retrying later",
      );
      for (const [publicId, count] of batch)
        this.pending.set(publicId, Math.min(MAX_PENDING_PER_BLOCK, (this.pending.get(publicId) ?? 0) + count));
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        void this.flush();
      }, this.intervalMs);
    }
  }
}
