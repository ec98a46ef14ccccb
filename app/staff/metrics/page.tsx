import type { Metadata } from "next";
import { AxisBars, type AxisBar } from "@/components/charts/axis-bars";
import { ChartFigure } from "@/components/charts/chart-figure";
import { ColumnChart } from "@/components/charts/column-chart";
import { ReviewTimeSummary } from "@/components/staff/review-time-summary";
import { StaffShell } from "@/components/staff/staff-shell";
import { DataTable } from "@/components/ui/data-table";
import { Section } from "@/components/ui/section";
import { requireStaffPage } from "@/lib/auth/session";
import {
  getStaffMetrics,
  METRICS_DAYS,
  type DailyCount,
  type OldestOpenItem,
  type ReviewerDecisions,
} from "@/lib/data/staff";
import { env } from "@/lib/env";
import { formatCount, formatCountOf, formatNumber, formatUtcDate, formatUtcDateTime } from "@/lib/evidence/format";
import { formatDuration, formatWhen } from "@/lib/reports/relative-time";

export const metadata: Metadata = { title: "Metrics" };

const HOUR = 3_600_000;
const hours = (seconds: number | null) => (seconds === null ? 0 : (seconds * 1000) / HOUR);
const duration = (seconds: number | null) => (seconds === null ? "no decisions yet" : formatDuration(seconds * 1000));
const day = (iso: string) => formatUtcDate(new Date(`${iso}T00:00:00Z`));

/** How the review team is doing over the last 30 days: every chart is server-rendered SVG with its table. */
export default async function StaffMetricsPage() {
  const staff = await requireStaffPage("/staff/metrics");
  const now = new Date();
  const metrics = await getStaffMetrics({ staffId: staff.id, now });
  const { reviewTime, outcomes, oldestOpen, perReviewer, requestsPerDay } = metrics;
  const totalRequests = requestsPerDay.reduce((sum, d) => sum + d.count, 0);
  const decided = outcomes.approved + outcomes.declined;
  const approvedShare = decided ? (outcomes.approved / decided) * 100 : null;
  const timeBars: AxisBar[] = [
    { label: "Median", value: hours(reviewTime.medianSeconds), emphasis: "total" },
    { label: "90th percentile", value: hours(reviewTime.p90Seconds) },
  ];
  const shareBars: AxisBar[] = [
    { label: `Approved (${formatCount(outcomes.approved)})`, value: approvedShare ?? 0, emphasis: "total" },
    { label: `Declined (${formatCount(outcomes.declined)})`, value: approvedShare === null ? 0 : 100 - approvedShare },
  ];
  const oldest = (
    [
      // Short: a bar's label and its value share one line, down to 320 px.
      ["Review request", oldestOpen.request],
      ["Reported case", oldestOpen.case],
    ] as const
  ).map(([kind, item]) => ({ kind, item, ageMs: item ? now.getTime() - Date.parse(item.since) : 0 }));
  const reviewerMax = Math.max(1, ...perReviewer.map((r) => r.total));
  return (
    <StaffShell relayName={env.RELAY_NAME} staffName={staff.name} current="metrics" isAdmin={staff.role === "ADMIN"}>
      <div className="space-y-1">
        <h1 className="text-2xl leading-tight font-semibold sm:text-3xl">Metrics</h1>
        <p className="text-muted">
          The last {METRICS_DAYS} days, since {formatUtcDateTime(metrics.since)}. Days are UTC.
        </p>
      </div>

      <Section id="requests" title="Review requests per day">
        <p>
          {formatCountOf(totalRequests, "review request")} in {METRICS_DAYS} days.
        </p>
        <ChartFigure
          chart={
            <ColumnChart
              label={`Review requests per day over ${METRICS_DAYS} days: ${formatCount(totalRequests)} in all, at most ${formatCount(Math.max(0, ...requestsPerDay.map((d) => d.count)))} on one day.`}
              columns={requestsPerDay.map((d) => ({ at: d.day, value: d.count }))}
              formatValue={formatCount}
              formatTime={day}
            />
          }
          table={
            <DataTable<DailyCount>
              caption="Review requests per UTC day"
              rows={[...requestsPerDay].reverse()}
              rowKey={(d) => d.day}
              columns={[
                { header: "Day", cell: (d) => <span className="whitespace-nowrap">{day(d.day)}</span> },
                { header: "Requests", align: "right", cell: (d) => formatCount(d.count) },
              ]}
            />
          }
        />
      </Section>

      <Section id="review-time" title="Time to first decision">
        <ReviewTimeSummary stats={reviewTime} />
        <ChartFigure
          chart={
            <AxisBars
              label={`Time to first decision${reviewTime.count ? ` over ${formatCountOf(reviewTime.count, "request")}` : ""}: median ${duration(reviewTime.medianSeconds)}, 90th percentile ${duration(reviewTime.p90Seconds)}.`}
              bars={timeBars}
              max={Math.max(...timeBars.map((b) => b.value)) * 1.1}
              formatValue={(h) => (reviewTime.count ? formatDuration(h * HOUR) : "–")}
            />
          }
          table={
            <DataTable<{ label: string; seconds: number | null }>
              // Not the section's own name: the table's box is a region named by its caption, and two
              // landmarks of one name cannot be told apart (axe: landmark-unique).
              caption="Median and 90th percentile time to first decision"
              rows={[
                { label: "Median", seconds: reviewTime.medianSeconds },
                { label: "90th percentile", seconds: reviewTime.p90Seconds },
              ]}
              rowKey={(r) => r.label}
              columns={[
                { header: "Measure", cell: (r) => r.label },
                { header: "Time", align: "right", cell: (r) => duration(r.seconds) },
                {
                  header: "Hours",
                  align: "right",
                  cell: (r) => (r.seconds === null ? "–" : formatNumber(hours(r.seconds))),
                },
              ]}
            />
          }
        />
      </Section>

      <Section id="outcomes" title="Share approved">
        <p>
          {approvedShare === null
            ? "No request was approved or declined in the period."
            : decided === 1
              ? `The one request decided in the period was ${outcomes.approved ? "approved" : "declined"}.`
              : `${formatNumber(approvedShare)} % of ${formatCountOf(decided, "decided request")} ${decided === 1 ? "was" : "were"} approved.`}
        </p>
        <ChartFigure
          chart={
            <AxisBars
              label={`Decided requests: ${formatCount(outcomes.approved)} approved, ${formatCount(outcomes.declined)} declined.`}
              bars={shareBars}
              max={100}
              formatValue={(v) => `${formatNumber(v)} %`}
            />
          }
          table={
            <DataTable<{ label: string; count: number }>
              caption="Decided requests by outcome"
              rows={[
                { label: "Approved", count: outcomes.approved },
                { label: "Declined", count: outcomes.declined },
              ]}
              rowKey={(r) => r.label}
              columns={[
                { header: "Outcome", cell: (r) => r.label },
                { header: "Requests", align: "right", cell: (r) => formatCount(r.count) },
                {
                  header: "Share",
                  align: "right",
                  cell: (r) => (decided ? `${formatNumber((r.count / decided) * 100)} %` : "–"),
                },
              ]}
            />
          }
        />
      </Section>

      <Section id="oldest" title="Oldest open item">
        <ChartFigure
          chart={
            <AxisBars
              label={oldest
                .map((o) => `${o.kind}: ${o.item ? `waiting ${formatDuration(o.ageMs)}` : "none open"}`)
                .join("; ")}
              bars={oldest.map((o) => ({
                label: o.item ? `${o.kind} ${o.item.reference}` : `${o.kind}: none open`,
                value: o.ageMs / HOUR,
                emphasis: o.item ? "total" : undefined,
              }))}
              max={Math.max(...oldest.map((o) => o.ageMs / HOUR)) * 1.1}
              formatValue={(h) => (h > 0 ? formatDuration(h * HOUR) : "–")}
            />
          }
          table={
            <DataTable<{ kind: string; item: OldestOpenItem | null; ageMs: number }>
              caption="Oldest open items"
              rows={oldest}
              rowKey={(o) => o.kind}
              columns={[
                { header: "Kind", cell: (o) => o.kind },
                {
                  header: "Reference",
                  cell: (o) =>
                    o.item ? (
                      <a className="font-mono underline underline-offset-2" href={`/staff/reports/${o.item.publicId}`}>
                        {o.item.reference}
                      </a>
                    ) : (
                      "none open"
                    ),
                },
                { header: "Waiting since", cell: (o) => (o.item ? formatWhen(o.item.since, now) : "–") },
              ]}
            />
          }
        />
      </Section>

      <Section id="reviewers" title="Decisions per reviewer">
        {perReviewer.length === 0 ? (
          <p className="text-sm text-muted">No decisions in the period.</p>
        ) : (
          <ChartFigure
            chart={
              <AxisBars
                label={`Decisions per reviewer: ${perReviewer.map((r) => `${r.name} ${formatCount(r.total)}`).join(", ")}.`}
                bars={perReviewer.map((r) => ({ label: r.name, value: r.total, emphasis: "total" }))}
                max={reviewerMax * 1.1}
                formatValue={formatCount}
              />
            }
            table={
              <DataTable<ReviewerDecisions>
                caption="Decisions per reviewer: approvals, declines and questions to the sender"
                stackOnPhones
                rows={perReviewer}
                rowKey={(r, i) => `${r.name}-${i}`}
                columns={[
                  { header: "Reviewer", cell: (r) => r.name },
                  { header: "Approved", align: "right", cell: (r) => formatCount(r.approved) },
                  { header: "Declined", align: "right", cell: (r) => formatCount(r.declined) },
                  { header: "Asked", align: "right", cell: (r) => formatCount(r.asked) },
                  { header: "Total", align: "right", cell: (r) => formatCount(r.total) },
                ]}
              />
            }
          />
        )}
      </Section>
    </StaffShell>
  );
}
