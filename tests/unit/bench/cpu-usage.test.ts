import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ownCpuMs, treeCpuMs } from "../../../scripts/bench-report/cpu-usage";

describe("treeCpuMs (bench CPU per request)", () => {
  it("keeps the CPU of a child that has ended and been waited for", () => {
    const before = treeCpuMs(process.pid);
    const ownBefore = ownCpuMs();
    // A child that spins for 400 ms of CPU, then exits; spawnSync waits for it.
    const child = spawnSync(process.execPath, ["-e", "const end = Date.now() + 400; while (Date.now() < end);"]);
    expect(child.status).toBe(0);
    const childMs = treeCpuMs(process.pid) - before - (ownCpuMs() - ownBefore);
    // Ticks are 10 ms; the child used about 400 ms (less on a machine busy elsewhere).
    expect(childMs).toBeGreaterThanOrEqual(150);
  });
});
