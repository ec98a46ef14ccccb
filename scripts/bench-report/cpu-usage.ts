import { readdirSync, readFileSync } from "node:fs";

/*
 * CPU time spent by processes during a measurement, from /proc (Linux; elsewhere the
 * numbers are simply missing). Requests per second only say how fast the slowest part
 * went, here usually the load generator; CPU time per request says what each part costs,
 * which is what decides how many views one small machine can take.
 */

// USER_HZ: the unit of utime and stime in /proc/<pid>/stat; 100 on every Linux we run on.
const TICKS_PER_SECOND = 100;

function stat(pid: number): { ppid: number; ticks: number } | null {
  try {
    // The command name (field 2) may hold spaces and parentheses; fields after it do not.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ").at(-1)!.split(" ");
    // utime and stime, and cutime and cstime: the CPU of its children that have ended and been
    // waited for (a Postgres backend that closes mid-measurement, say), which would otherwise drop
    // out of the tree's total and could make a measurement's CPU negative.
    const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
    return { ppid: Number(fields[1]), ticks: utime! + stime! + cutime! + cstime! };
  } catch {
    return null;
  }
}

/**
 * CPU milliseconds used so far by `root` and everything below it: the processes still running
 * and those that ended and were waited for by one of them.
 */
export function treeCpuMs(root: number): number {
  let pids: number[];
  try {
    pids = readdirSync("/proc")
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return NaN;
  }
  const children = new Map<number, number[]>();
  const ticks = new Map<number, number>();
  for (const pid of pids) {
    const info = stat(pid);
    if (!info) continue;
    ticks.set(pid, info.ticks);
    children.set(info.ppid, [...(children.get(info.ppid) ?? []), pid]);
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    total += ticks.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return (total * 1000) / TICKS_PER_SECOND;
}

/** This process's own CPU milliseconds (the load generator runs here). */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** The Postgres server's process id (the parent of any of its backends). */
export function postmasterPid(backendPid: number): number {
  return stat(backendPid)?.ppid ?? NaN;
}
