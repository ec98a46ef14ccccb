/** What a filter form says when its "To" day is before its "From" day: such a range matches nothing. */
export const DAYS_REVERSED = "“To” is before “From”, so nothing can match: swap the two days.";

/** The errors for a filter's "To" day (YYYY-MM-DD, UTC), given its "From" day; none when the range is usable. */
export function reversedDayErrors(from: string | undefined, to: string | undefined): string[] | undefined {
  return from && to && to < from ? [DAYS_REVERSED] : undefined;
}
