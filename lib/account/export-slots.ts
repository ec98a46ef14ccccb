/*
 * How many CSV exports of one account may run at once, in this process (the app runs as one
 * server process: README, Architecture). An export holds one of the export pool's
 * connections (lib/db/pools.ts) while it reads a window; with one export per account, the
 * downloads of one account can never take every connection and leave the other accounts'
 * exports waiting. A second download of the same account is answered 429 at once, before any
 * row is read.
 */
export const EXPORTS_PER_ACCOUNT = 1;

/** What the owner is told when a second download of the account finds the first still running. */
export const EXPORT_BUSY_MESSAGE =
  "An export of this account is already being downloaded. Wait until it has finished (a million blocks take about 15 seconds), then download again.";

/**
 * A download the client has taken nothing of for this long is given up, and the database
 * connection it held goes back to the pool (csvStream). A browser saving a file never
 * stops reading for this long; a client that opened the download and walked away does.
 */
export const EXPORT_STALL_MS = 30_000;

const running = new Map<string, number>();

/** A slot for an export of `accountId`, with the function that gives it back (once), or null when none is free. */
export function takeExportSlot(accountId: string): (() => void) | null {
  const taken = running.get(accountId) ?? 0;
  if (taken >= EXPORTS_PER_ACCOUNT) return null;
  running.set(accountId, taken + 1);
  let given = false;
  return () => {
    if (given) return;
    given = true;
    const left = (running.get(accountId) ?? 1) - 1;
    if (left > 0) running.set(accountId, left);
    else running.delete(accountId);
  };
}

/** Exports of `accountId` running now (for tests). */
export const runningExports = (accountId: string): number => running.get(accountId) ?? 0;
