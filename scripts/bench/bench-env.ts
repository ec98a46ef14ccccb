import os from "node:os";

/*
 * What every `npm run bench:…` script shares: its progress line, the machine's load (printed
 * beside every result, since it moves them), and the secrets a throwaway app is started with.
 */

/** A progress line, `[bench:<name>] hh:mm:ss message`. */
export const benchLogger =
  (name: string) =>
  (message: string): void =>
    console.log(`[bench:${name}] ${new Date().toISOString().slice(11, 19)} ${message}`);

/** The load average over 1, 5 and 15 minutes, as `uptime` prints it. */
export const loadAverage = (): string =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

/** The throwaway app's session secret: no session outlives the bench. */
export const BENCH_NEXTAUTH_SECRET = "bench-only-nextauth-secret-0123456789abcdef";

/** The throwaway app's report-link key: the app refuses to start without one. */
export const BENCH_REPORT_LINK_KEY = "bench-only-report-link-key-0123456789abcdef";
