import { describe, expect, it } from "vitest";
import { decideAppealEligibility } from "@/lib/reports/appeal-eligibility";
import { describeDuration, presentStatus } from "@/lib/reports/block-status";
import { describeTarget } from "@/lib/reports/describe-target";
import { describeEvent } from "@/lib/reports/describe-event";
import { orderEvidence } from "@/lib/reports/evidence-order";
import { formatRelative, formatWhen } from "@/lib/reports/relative-time";
import { reportTitle } from "@/lib/reports/report-title";
import { evidenceOfEveryKind } from "../../support/evidence-fixtures";

const NOW = new Date("2026-11-27T17:00:00Z");
const NBSP = "\u00a0";

describe("relative time", () => {
  it("says how long ago or how soon, with no-break spaces", () => {
    expect(formatRelative("2026-11-27T14:02:00Z", NOW)).toBe(`3${NBSP}h ago`);
    expect(formatRelative("2026-11-27T20:00:00Z", NOW)).toBe(`in 3${NBSP}h`);
    expect(formatRelative("2026-11-27T16:15:00Z", NOW)).toBe(`45${NBSP}min ago`);
    expect(formatRelative("2026-11-27T16:59:40Z", NOW)).toBe("just now");
    expect(formatRelative("2026-11-23T17:00:00Z", NOW)).toBe(`4${NBSP}days ago`);
  });

  it("puts absolute UTC first", () => {
    expect(formatWhen("2026-11-27T14:02:00Z", NOW)).toBe(`27 Nov 2026 14:02 UTC · 3${NBSP}h ago`);
  });
});

describe("status and duration", () => {
  const target = { smtpUser: "newsletter-app", senderAddress: null };
  it("names the status in words and tone, never colour alone", () => {
    expect(presentStatus({ status: "ACTIVE", target })).toMatchObject({
      label: "Blocked",
      tone: "danger",
      headline: "Mail from SMTP user newsletter-app is being rejected",
    });
    expect(presentStatus({ status: "LIFTED", target }).label).toBe("Lifted");
    expect(presentStatus({ status: "EXPIRED", target }).headline).toMatch(/accepted again/);
  });

  it("until reviewed, until an expiry, or when it ended", () => {
    const canAppeal = { allowed: true, blocker: null, availableAt: null };
    expect(describeDuration({ status: "ACTIVE", expiresAt: null, endedAt: null, canAppeal })).toMatchObject({
      text: "Until reviewed",
      at: null,
    });
    expect(
      describeDuration({ status: "ACTIVE", expiresAt: "2026-11-27T20:00:00Z", endedAt: null, canAppeal }),
    ).toMatchObject({ label: "Expires", at: "2026-11-27T20:00:00Z" });
    expect(
      describeDuration({ status: "LIFTED", expiresAt: null, endedAt: "2026-11-27T16:00:00Z", canAppeal }),
    ).toMatchObject({ label: "Lifted" });
  });

  it("says a block on one address leaves the rest of the SMTP user sending", () => {
    expect(describeTarget({ smtpUser: "marketing", senderAddress: "promo@shop.example" }).scope).toMatch(
      /Other addresses/,
    );
    expect(describeTarget({ smtpUser: "marketing", senderAddress: null }, true).scope).toMatch(/was blocked/);
  });
});

describe("appeal eligibility", () => {
  const base = { blockStatus: "ACTIVE" as const, expiresAt: null, latestAppeal: null, now: NOW, cooldownHours: 24 };
  it("allows a first request, refuses while one is open, after the end, and during the cooldown", () => {
    expect(decideAppealEligibility(base).allowed).toBe(true);
    expect(decideAppealEligibility({ ...base, latestAppeal: { status: "NEEDS_INFO", decidedAt: null } }).blocker).toBe(
      "open_appeal",
    );
    expect(decideAppealEligibility({ ...base, blockStatus: "LIFTED" }).blocker).toBe("ended");
    expect(decideAppealEligibility({ ...base, expiresAt: "2026-11-27T16:00:00Z" }).blocker).toBe("ended");
    expect(
      decideAppealEligibility({ ...base, latestAppeal: { status: "DENIED", decidedAt: "2026-11-27T10:00:00Z" } }),
    ).toEqual({
      allowed: false,
      blocker: "cooldown",
      availableAt: "2026-11-28T10:00:00.000Z",
    });
    expect(
      decideAppealEligibility({ ...base, latestAppeal: { status: "DENIED", decidedAt: "2026-11-25T10:00:00Z" } })
        .allowed,
    ).toBe(true);
  });
});

describe("timeline and evidence order", () => {
  it("describes events by role", () => {
    expect(describeEvent({ type: "ESCALATED", actor: "RELAY", at: "", details: { level: 2, attempts: 25 } })).toBe(
      "Escalated to level 2 after 25 refused attempts to send",
    );
    expect(
      describeEvent({ type: "APPEAL_SUBMITTED", actor: "SENDER", at: "", details: { appealReference: "A-1" } }),
    ).toBe("Review requested (reference A-1)");
  });

  it("names every request and case by the sender's one reference on the sender's page, by its own for staff", () => {
    const opened = { type: "CASE_OPENED", actor: "SENDER", at: "", details: { caseReference: "C-ZSR77X" } } as const;
    expect(describeEvent(opened, "A-XN9Q6F")).toBe("Reported to compliance (reference A-XN9Q6F)");
    expect(describeEvent(opened)).toBe("Reported to compliance (reference C-ZSR77X)");
    expect(describeEvent({ type: "CASE_OPENED", actor: "SENDER", at: "", details: {} }, "A-XN9Q6F")).toBe(
      "Reported to compliance",
    );
  });

  it("puts the evidence for the block's own reason first", () => {
    const items = evidenceOfEveryKind();
    expect(orderEvidence("RATE", items)[0]?.kind).toBe("send_rate");
    expect(orderEvidence("SPAM", items)[0]?.kind).toBe("spam_rules");
    expect(orderEvidence("ABUSE", items)[0]?.kind).toBe("complaint_rate");
    expect(orderEvidence("ABUSE", items)).toHaveLength(items.length);
  });
});

describe("reportTitle", () => {
  it("says what the page is: the status, who is blocked, and whose relay", () => {
    expect(
      reportTitle({ status: "ACTIVE", target: { smtpUser: "newsletter-app", senderAddress: null } }, "Example Relay"),
    ).toBe("Blocked: newsletter-app — Example Relay");
    expect(
      reportTitle(
        { status: "UNDER_REVIEW", target: { smtpUser: "marketing", senderAddress: "promo@shop.example" } },
        "Example Relay",
      ),
    ).toBe("Under review: promo@shop.example — Example Relay");
    expect(reportTitle({ status: "EXPIRED", target: { smtpUser: "x", senderAddress: null } }, "R")).toBe(
      "Expired: x — R",
    );
  });
});

describe("describeDuration for staff", () => {
  it("never speaks to the sender on the staff page", () => {
    const report = {
      status: "UNDER_REVIEW" as const,
      expiresAt: null,
      endedAt: null,
      canAppeal: { allowed: false, blocker: "open_appeal" as const, availableAt: null },
    };
    expect(describeDuration(report, "staff").hint).toBe(
      "The sender's review request is open; it lasts until a reviewer decides.",
    );
    expect(describeDuration(report).hint).toMatch(/^Your review request/);
    expect(
      describeDuration({ ...report, canAppeal: { allowed: true, blocker: null, availableAt: null } }, "staff").hint,
    ).not.toMatch(/\byour?\b/i);
  });
});
