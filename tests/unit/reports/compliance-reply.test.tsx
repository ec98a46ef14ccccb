import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { EvidenceText } from "@/components/report/evidence-text";
import { replyExcerpt, unansweredReply } from "@/lib/reports/compliance-reply";
import type { ReportConversationItem } from "@/lib/reports/report-view";

const item = (over: Partial<ReportConversationItem>): ReportConversationItem => ({
  kind: "message",
  author: "SENDER",
  at: "2026-12-07T21:40:00.000Z",
  body: "Is this about the newsletter?",
  reference: "C-ZSR77X",
  ...over,
});
const reply = item({ kind: "reply", author: "STAFF", body: "Change the SMTP password of newsletter-app now." });

describe("unansweredReply", () => {
  it("is compliance's reply while it is the newest entry", () => {
    expect(unansweredReply({ conversation: [item({ kind: "review_request" }), item({}), reply] })).toBe(reply);
  });

  it("is null once the sender or the account's owner wrote again, and for anything but a reply", () => {
    expect(unansweredReply({ conversation: [reply, item({})] })).toBeNull();
    expect(unansweredReply({ conversation: [reply, item({ author: "OWNER" })] })).toBeNull();
    expect(unansweredReply({ conversation: [item({ kind: "question", author: "STAFF" })] })).toBeNull();
    expect(
      unansweredReply({ conversation: [reply, item({ kind: "closed", author: "STAFF", body: null })] }),
    ).toBeNull();
    expect(unansweredReply({ conversation: [] })).toBeNull();
  });
});

describe("replyExcerpt", () => {
  it("keeps a short reply whole, on one line", () => {
    expect(replyExcerpt("Change the password.\n\nThen tell us.")).toBe("Change the password. Then tell us.");
  });

  it("cuts a long one at a word boundary with an ellipsis, never inside an emoji", () => {
    const long = `Please change the SMTP password of newsletter-app now ${"and check the logs ".repeat(10)}`;
    const excerpt = replyExcerpt(long, 60);
    expect(excerpt).toBe("Please change the SMTP password of newsletter-app now and…");
    expect(replyExcerpt("😀".repeat(30), 10)).toBe(`${"😀".repeat(10)}…`);
  });

  it("flattens only ordinary white space: invisible characters stay, for the page to mark them", () => {
    expect(replyExcerpt("Pay at\uFEFFevil now\u2028then\u3000go")).toBe("Pay at\uFEFFevil now\u2028then\u3000go");
    expect(renderToStaticMarkup(<EvidenceText value={replyExcerpt("Pay at\uFEFFevil now")} />)).toContain(
      "at⟨U+FEFF⟩evil",
    );
  });
});
