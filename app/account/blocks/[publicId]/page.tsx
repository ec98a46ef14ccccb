import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ownerReplyAction, ownerReportMessageAction, ownerRequestReviewAction } from "@/lib/actions/account";
import { AccountShell } from "@/components/account/account-shell";
import { CurrentReportLink } from "@/components/account/current-report-link";
import { RotateLinkForm } from "@/components/account/rotate-link-form";
import { ReportSections } from "@/components/report/report-page";
import { AppealRecord } from "@/components/staff/appeal-record";
import { CaseRecord } from "@/components/staff/case-record";
import { Section } from "@/components/ui/section";
import { requireOwnerPage } from "@/lib/auth/session";
import { getOwnerReport, getOwnerReportLink, type OwnerReport } from "@/lib/data/account";
import type { CurrentReportLink as ReportLink } from "@/lib/data/blocks/report-links";
import { getReviewTimes } from "@/lib/reports/data/review-times";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Block report" };

type Params = Promise<{ publicId: string }>;

const OWNER_ACTIONS = {
  requestReview: ownerRequestReviewAction,
  reply: ownerReplyAction,
  reportMessage: ownerReportMessageAction,
};

async function load(ownerId: string, publicId: string): Promise<[OwnerReport, ReportLink]> {
  try {
    return await Promise.all([getOwnerReport({ ownerId, publicId }), getOwnerReportLink({ ownerId, publicId })]);
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

/**
 * One block of the owner's account: the report exactly as the sender sees it (the same
 * components; no secret needed), every review request with its answers and decision, the
 * cases, the sender's own actions (recorded as the owner's), the current link to copy and its replacement.
 */
export default async function OwnerReportPage({ params }: { params: Params }) {
  const { publicId } = await params;
  const owner = await requireOwnerPage(`/account/blocks/${encodeURIComponent(publicId)}`);
  const [{ report, appeals, cases, accountName }, link] = await load(owner.id, publicId);
  const now = new Date();
  const reviewTimes = await getReviewTimes(now);
  return (
    <AccountShell relayName={env.RELAY_NAME} accountName={accountName} ownerName={owner.name} current={null}>
      <p className="text-sm text-muted">
        <Link className="underline underline-offset-2" href="/account/blocks">
          Block history
        </Link>{" "}
        · report <span className="font-mono">{report.publicId}</span>
      </p>
      <ReportSections
        report={report}
        reviewTimes={reviewTimes}
        auth=""
        now={now}
        complianceEmail={env.COMPLIANCE_EMAIL}
        owner={{ link: { publicId: report.publicId }, actions: OWNER_ACTIONS }}
      >
        <Section id="requests" title="Review requests">
          {appeals.length ? (
            appeals.map((appeal) => <AppealRecord key={appeal.reference} appeal={appeal} now={now} />)
          ) : (
            <p className="text-sm text-muted">No review has been requested for this block.</p>
          )}
        </Section>
        {cases.length ? (
          <Section id="cases" title="Reported to compliance">
            {cases.map((record) => (
              <CaseRecord key={record.reference} record={record} now={now} />
            ))}
          </Section>
        ) : null}
        <Section id="link" title="Report link">
          <CurrentReportLink link={link} />
          <RotateLinkForm publicId={report.publicId} />
        </Section>
      </ReportSections>
    </AccountShell>
  );
}
