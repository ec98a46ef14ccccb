/*
 * What happens when a blocked sender keeps sending. Pure, so the rule is unit-tested and
 * quoted verbatim in the OpenAPI description.
 *
 * - Every ATTEMPTS_PER_LEVEL rejected attempts during the block raise the escalation level
 *   by one: level = 1 + floor(attempts / 25), never lowered, at most MAX_LEVEL.
 * - Each new level extends a block that has an expiry: the expiry becomes
 *   max(expiry, now) + 2^(level − 2) hours (level 2: +1 h, 3: +2 h, 4: +4 h … 10: +256 h).
 *   A block without an expiry (until reviewed) stays without one.
 */

export const ATTEMPTS_PER_LEVEL = 25;
export const MAX_LEVEL = 10;
/** The counter stops here rather than overflow its integer column. */
export const MAX_ATTEMPT_COUNT = 2_000_000_000;
const HOUR_MS = 3_600_000;

export interface EscalationState {
  escalationLevel: number;
  attemptCount: number;
  expiresAt: Date | null;
}

export interface EscalationOutcome extends EscalationState {
  /** Levels gained by this batch of attempts (0 when none). */
  levelsGained: number;
}

export const levelForAttempts = (attempts: number): number =>
  Math.min(MAX_LEVEL, 1 + Math.floor(attempts / ATTEMPTS_PER_LEVEL));

/** How long reaching `level` extends the block (levels 2 and up). */
export const extensionForLevel = (level: number): number => 2 ** (level - 2) * HOUR_MS;

export function applyAttempts(state: EscalationState, count: number, now: Date): EscalationOutcome {
  const attemptCount = Math.min(MAX_ATTEMPT_COUNT, state.attemptCount + count);
  const escalationLevel = Math.max(state.escalationLevel, levelForAttempts(attemptCount));
  let expiresAt = state.expiresAt;
  if (expiresAt !== null) {
    for (let level = state.escalationLevel + 1; level <= escalationLevel; level += 1) {
      expiresAt = new Date(Math.max(expiresAt.getTime(), now.getTime()) + extensionForLevel(level));
    }
  }
  return { attemptCount, escalationLevel, expiresAt, levelsGained: escalationLevel - state.escalationLevel };
}
