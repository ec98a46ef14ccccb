import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

/*
 * What a process costs, read from /proc (Linux): its CPU time, and its resident memory now
 * and at its peak. The benchmarks run on a shared machine, where wall-clock times swing
 * with the neighbours' load but the CPU a request costs the server does not.
 */

const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/** User + system CPU time of a process so far, in ms (clock-tick resolution, usually 10 ms). */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) — utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0; // the process is gone: it costs nothing more
  }
}

/** The CPU time of several processes together (the database's backends), in ms, by pid. */
export function cpuByPid(pids: readonly number[]): Map<number, number> {
  return new Map(pids.map((pid) => [pid, cpuMs(pid)]));
}

/** CPU used between two readings: a process new in `after` counts whole. */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

const statusField = (pid: number, field: string) =>
  Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

/** Resident memory now, in MB. */
export const rssMb = (pid: number) => statusField(pid, "VmRSS");

/** The part of the resident memory that is mapped files (the node binary's code, shared with other processes), in MB. */
export const rssFileMb = (pid: number) => statusField(pid, "RssFile");

/** The process's peak resident memory since it started, or since resetPeakRss(), in MB. */
export const peakRssMb = (pid: number) => statusField(pid, "VmHWM");

/**
 * Resets the kernel's peak-RSS mark (VmHWM) to the current RSS (`echo 5 > clear_refs`, Linux
 * 4.0+), so the next peakRssMb() is the peak of what happens from now on. False when the
 * kernel refuses (then only sampling can tell the peak).
 */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return peakRssMb(pid) <= rssMb(pid) + 1;
  } catch {
    return false;
  }
}
