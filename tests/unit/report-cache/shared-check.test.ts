import { describe, expect, it } from "vitest";
import { SharedCheck } from "@/lib/report-cache/shared-check";

/** An asking that stays open until the test answers it, recording when it was sent. */
function asker() {
  const sent: { answer: (value: number) => void; fail: (error: Error) => void }[] = [];
  const ask = () => new Promise<number>((resolve, reject) => sent.push({ answer: resolve, fail: reject }));
  return { sent, ask };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe("shared checks", () => {
  it("sends the first asking at once and lets every later arrival share the next one, sent after it returns", async () => {
    const checks = new SharedCheck<number>();
    const { sent, ask } = asker();
    const first = checks.run("k", ask);
    expect(sent).toHaveLength(1);
    const later = [checks.run("k", ask), checks.run("k", ask), checks.run("k", ask)];
    expect(sent).toHaveLength(1); // not sent while the first is on its way
    sent[0]!.answer(1);
    expect(await first).toBe(1);
    await flush();
    expect(sent).toHaveLength(2);
    const afterSecondWasSent = checks.run("k", ask); // arrives while the second is on its way
    sent[1]!.answer(2);
    expect(await Promise.all(later)).toEqual([2, 2, 2]);
    await flush();
    expect(sent).toHaveLength(3);
    sent[2]!.answer(3);
    expect(await afterSecondWasSent).toBe(3);
    await flush();
    expect(checks.inFlight).toBe(0);
  });

  it("keeps keys apart, and passes a failure on only to those who shared that asking", async () => {
    const checks = new SharedCheck<number>();
    const { sent, ask } = asker();
    const a = checks.run("a", ask);
    const b = checks.run("b", ask);
    expect(sent).toHaveLength(2);
    const aLater = checks.run("a", ask);
    sent[0]!.fail(new Error("connection lost"));
    await expect(a).rejects.toThrow("connection lost");
    await flush();
    sent[2]!.answer(7);
    sent[1]!.answer(8);
    expect([await aLater, await b]).toEqual([7, 8]);
    await flush();
    expect(checks.inFlight).toBe(0);
  });
});
