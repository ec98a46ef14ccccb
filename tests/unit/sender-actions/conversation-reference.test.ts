import { describe, expect, it } from "vitest";
import { conversationReferenceOf } from "@/lib/data/appeals/conversation-reference";
import type { Prisma } from "@/lib/generated/prisma/client";

/*
 * A transaction is one database connection, which runs one query at a time: pg queues a
 * query sent while another is running, warns about it at error level in the server's log
 * (a sender's "Report message" set it off), and pg 9 refuses it. So what runs inside a
 * transaction awaits each query before sending the next.
 */
function recordingTx(rows: { appeal: unknown; complianceCase: unknown }) {
  let running = 0;
  let mostAtOnce = 0;
  const model = (row: unknown) => ({
    findFirst: async () => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      return row;
    },
  });
  const tx = { appeal: model(rows.appeal), complianceCase: model(rows.complianceCase) };
  return { tx: tx as unknown as Prisma.TransactionClient, mostAtOnce: () => mostAtOnce };
}

describe("conversationReferenceOf", () => {
  it("sends its queries one at a time on the transaction's connection", async () => {
    const { tx, mostAtOnce } = recordingTx({ appeal: null, complianceCase: null });
    await conversationReferenceOf(tx, "block", "C-FALLBACK");
    expect(mostAtOnce()).toBe(1);
  });

  it("gives the block's first request or case's reference, else the fallback", async () => {
    const at = (iso: string) => new Date(iso);
    const appeal = { reference: "A-LATER1", createdAt: at("2026-12-07T10:00:00Z"), id: "b" };
    const complianceCase = { reference: "C-FIRST1", createdAt: at("2026-12-07T09:00:00Z"), id: "a" };
    expect(await conversationReferenceOf(recordingTx({ appeal, complianceCase }).tx, "block", "X")).toBe("C-FIRST1");
    expect(await conversationReferenceOf(recordingTx({ appeal, complianceCase: null }).tx, "block", "X")).toBe(
      "A-LATER1",
    );
    expect(await conversationReferenceOf(recordingTx({ appeal: null, complianceCase: null }).tx, "block", "X")).toBe(
      "X",
    );
  });
});
