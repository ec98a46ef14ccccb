import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { submitAppeal, replyToInfoRequest } from "@/lib/data/appeals";
import { reportMessage } from "@/lib/data/cases";
import { recordReportLinkMiss, REPORT_LINK_MISS_LIMIT } from "@/lib/reports/data/report-link-access";
import type { AppError } from "@/lib/errors";
import { blockWithLink, freshClient, validAppealFields } from "./support";

/*
 * A wrong link posted to a sender action is a miss like a wrong link opened on the page:
 * the same counter (report-link-miss:<client>), the same limit. tests/e2e/sender-actions/
 * link-misses.test.ts checks the same through HTTP.
 */

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (error: AppError) => error.code,
  );

describe("wrong links posted to the sender's actions", () => {
  it("count in the page's miss counter and, past its limit, are refused as RATE_LIMITED while the right link still works", async () => {
    const client = freshClient();
    const { link } = await blockWithLink({ reason: "SPAM" });
    const wrong = { ...link, secret: randomBytes(32).toString("base64url") };
    const attempts = [
      () => submitAppeal({ link: wrong, fields: validAppealFields("SPAM"), client }),
      () => reportMessage({ link: wrong, fields: {}, client }),
      () => replyToInfoRequest({ link: { publicId: "not-an-id", secret: "" }, fields: { body: "x" }, client }),
    ];
    for (let i = 0; i < REPORT_LINK_MISS_LIMIT - 1; i++)
      expect(await codeOf(attempts[i % attempts.length]!())).toBe("NOT_FOUND");
    // The page's own miss is the last one the limit allows; the next, from either, is refused.
    expect((await recordReportLinkMiss(client)).limited).toBe(false);
    const refused = await submitAppeal({ link: wrong, fields: validAppealFields("SPAM"), client }).catch(
      (error: AppError) => error,
    );
    expect(refused).toMatchObject({ code: "RATE_LIMITED", details: { retryAfterSeconds: expect.any(Number) } });
    expect((refused as AppError).message).toMatch(
      /^Too many report links that did not match were opened from your network\. Please wait \d+ minutes/,
    );
    expect((await recordReportLinkMiss(client)).limited).toBe(true);

    expect(await codeOf(reportMessage({ link, fields: { note: "Not ours." }, client }))).toBe("ok");
    expect(await codeOf(reportMessage({ link: wrong, fields: {}, client: freshClient() }))).toBe("NOT_FOUND");
  });
});
