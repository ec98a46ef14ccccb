import { formatCount, formatPercent, type EvidenceOf } from "@/lib/evidence";

interface Figure {
  label: string;
  value: string;
  note: string;
  over: boolean;
}

/** The list-quality figures, each with the limit it is measured against. */
export function ListQualityEvidence({ item }: { item: EvidenceOf<"list_quality"> }) {
  const figures: Figure[] = [
    {
      label: "Unknown users",
      value: formatPercent(item.unknownUserRatePercent),
      note: `of recipients did not exist; limit ${formatPercent(item.unknownUserLimitPercent)}`,
      over: item.unknownUserRatePercent > item.unknownUserLimitPercent,
    },
    {
      label: "Spam-trap hits",
      value: formatCount(item.spamTrapHits),
      note: "addresses that never sign up for mail; should be\u00a00",
      over: item.spamTrapHits > 0,
    },
    { label: "Recipients checked", value: formatCount(item.recipients), note: "in the window above", over: false },
  ];
  if (item.bounceRatePercent !== undefined) {
    figures.splice(2, 0, {
      label: "Bounce rate",
      value: formatPercent(item.bounceRatePercent),
      note: "of messages bounced",
      over: false,
    });
  }
  return (
    <dl className="grid gap-3 sm:grid-cols-2">
      {figures.map((figure) => (
        <div
          key={figure.label}
          className={`rounded-md border p-3 ${figure.over ? "border-danger bg-danger-bg" : "border-line"}`}
        >
          <dt className="text-sm text-muted">
            {figure.label}
            {figure.over ? <span className="font-semibold text-danger"> · over the limit</span> : null}
          </dt>
          <dd className="text-2xl font-semibold tabular-nums">{figure.value}</dd>
          <dd className="text-sm text-muted">{figure.note}</dd>
        </div>
      ))}
    </dl>
  );
}
