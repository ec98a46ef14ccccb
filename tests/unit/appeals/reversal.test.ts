import { describe, expect, it } from "vitest";
import { approvalLiftedBlock } from "@/lib/appeals/reversal";
import { describeEvent } from "@/lib/reports/describe-event";

const decided = "2026-12-08T01:00:00.000Z";

describe("what reversing an approval does to its block", () => {
  it("puts back only a block that ended with the approval itself", () => {
    expect(approvalLiftedBlock({ status: "LIFTED", endedAt: decided }, decided)).toBe(true);
    expect(approvalLiftedBlock({ status: "LIFTED", endedAt: new Date(decided) }, new Date(decided))).toBe(true);
    // Lifted by the relay a minute before the approval; expired; not ended; no decision time.
    expect(approvalLiftedBlock({ status: "LIFTED", endedAt: "2026-12-08T00:59:00.000Z" }, decided)).toBe(false);
    expect(approvalLiftedBlock({ status: "EXPIRED", endedAt: decided }, decided)).toBe(false);
    expect(approvalLiftedBlock({ status: "ACTIVE", endedAt: null }, decided)).toBe(false);
    expect(approvalLiftedBlock({ status: "LIFTED", endedAt: decided }, null)).toBe(false);
  });

  it("tells the timeline when a reversal left the block as it was", () => {
    const reversed = (decision: string, blockUnchanged?: true) =>
      describeEvent({ type: "DECISION_REVERSED", actor: "STAFF", at: "", details: { decision, blockUnchanged } });
    expect(reversed("DENIED")).toBe("Review decision reversed: declined, block back in force");
    expect(reversed("APPROVED")).toBe("Review decision reversed: approved, block lifted");
    expect(reversed("DENIED", true)).toBe("Review decision reversed: declined (the block had already ended)");
    expect(reversed("APPROVED", true)).toBe("Review decision reversed: approved (the block had already ended)");
  });
});
