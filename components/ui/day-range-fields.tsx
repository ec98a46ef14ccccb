import { TextField } from "./field";

interface DayRangeFieldsProps {
  /** The two inputs' ids. */
  ids: { from: string; to: string };
  labels: { from: string; to: string };
  /** The days in the URL, as typed. */
  from?: string;
  to?: string;
  /** The error of a range whose To comes before its From (lib/forms/day-range.ts), shown at To. */
  reversed?: string[];
}

/** A filter form's From and To days (`from`, `to`): the reversed-range error sits in To's own slot. */
export function DayRangeFields({ ids, labels, from, to, reversed }: DayRangeFieldsProps) {
  return (
    <>
      <TextField id={ids.from} name="from" label={labels.from} type="date" defaultValue={from ?? ""} />
      <TextField id={ids.to} name="to" label={labels.to} type="date" defaultValue={to ?? ""} errors={reversed} />
    </>
  );
}
