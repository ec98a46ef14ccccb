import { describe, expect, it } from "vitest";
import {
  APPEAL_FIELD_NAMES,
  APPEAL_QUESTIONS,
  caseFormSchema,
  characterCount,
  cleanFormText,
  fieldErrorsOf,
  parseAppealForm,
  replyFormSchema,
} from "@/lib/appeals";

const valid = {
  contactEmail: " ops@example.org ",
  explanation: "We stopped the campaign and deleted the purchased list.",
  trafficStopped: "yes",
  newRate: "At most 200 messages per minute.",
};

describe("the review-request form", () => {
  it("asks each reason its own questions", () => {
    expect(APPEAL_QUESTIONS.SPAM.map((q) => q.name)).toEqual(["contentChanges"]);
    expect(APPEAL_QUESTIONS.ABUSE.map((q) => q.name)).toEqual([
      "listSource",
      "optIn",
      "removedAddresses",
      "unsubscribePath",
    ]);
    expect(APPEAL_QUESTIONS.RATE.map((q) => q.name)).toEqual(["newRate"]);
    expect(APPEAL_FIELD_NAMES).toEqual([
      "contactEmail",
      "explanation",
      "trafficStopped",
      "contentChanges",
      "listSource",
      "optIn",
      "removedAddresses",
      "unsubscribePath",
      "newRate",
    ]);
  });

  it("splits a valid form into contact, explanation and the reason's answers only", () => {
    const result = parseAppealForm("RATE", { ...valid, contentChanges: "not a rate question, ignored" });
    expect(result).toEqual({
      success: true,
      data: {
        contactEmail: "ops@example.org",
        explanation: valid.explanation,
        answers: { newRate: "At most 200 messages per minute." },
      },
    });
  });

  it("reports every problem by field, in words a sender understands", () => {
    const result = parseAppealForm("ABUSE", {
      contactEmail: "ops@",
      explanation: "short",
      trafficStopped: "no",
      listSource: "x".repeat(2001),
    });
    expect(result.success).toBe(false);
    const errors = fieldErrorsOf(result.success ? (undefined as never) : result.error);
    expect(errors).toEqual({
      contactEmail: ["Please enter a whole email address, like name@example.com."],
      explanation: ["Please write at least 20 characters in your explanation of what happened and what you fixed."],
      trafficStopped: ["Please confirm that the traffic that caused the block has stopped."],
      listSource: ["Please keep how the list was collected to 2,000 characters or fewer."],
      optIn: ["Please fill in how recipients opted in."],
      removedAddresses: ["Please fill in what was removed."],
      unsubscribePath: ["Please fill in the unsubscribe path."],
    });
  });

  it("accepts the confirmation only as a ticked box, and treats files and missing fields as empty", () => {
    for (const ticked of ["yes", "on", "true"])
      expect(parseAppealForm("RATE", { ...valid, trafficStopped: ticked }).success).toBe(true);
    for (const unticked of [undefined, "", "no", "YES", new Blob(["yes"])])
      expect(parseAppealForm("RATE", { ...valid, trafficStopped: unticked }).success).toBe(false);
    expect(parseAppealForm("RATE", { ...valid, explanation: new Blob(["a".repeat(30)]) }).success).toBe(false);
  });

  it("rejects addresses that could smuggle headers or are too long", () => {
    for (const contactEmail of [
      "ops@example.org\r\nBcc: x@example.org",
      `${"a".repeat(250)}@example.org`,
      '"q"@example.org',
    ]) {
      expect(parseAppealForm("RATE", { ...valid, contactEmail }).success, contactEmail).toBe(false);
    }
  });
});

describe("form text", () => {
  it("counts characters as Postgres does (code points)", () => {
    expect(characterCount("😀😀")).toBe(2);
    expect("😀😀".length).toBe(4);
  });

  it("makes text storable: no NUL or control characters, no lone surrogates, \\n line ends", () => {
    expect(cleanFormText("  a\u0000b\r\nc\rd\u0007\t\ud800e\udc00  ")).toBe("ab\nc\nd\t\ufffde\ufffd");
    expect(cleanFormText("😀 stays")).toBe("😀 stays");
  });
});

describe("the case and reply forms", () => {
  it("makes note and address optional, but checks them when given", () => {
    expect(caseFormSchema.parse({})).toEqual({ note: undefined, contactEmail: undefined });
    expect(caseFormSchema.parse({ note: "  ", contactEmail: " " })).toEqual({
      note: undefined,
      contactEmail: undefined,
    });
    expect(caseFormSchema.safeParse({ contactEmail: "nope" }).success).toBe(false);
    expect(caseFormSchema.safeParse({ note: "x".repeat(4001) }).success).toBe(false);
  });

  it("needs a non-blank answer of at most 4,000 characters", () => {
    expect(replyFormSchema.safeParse({ body: " \n " }).success).toBe(false);
    expect(replyFormSchema.safeParse({ body: "x".repeat(4001) }).success).toBe(false);
    expect(replyFormSchema.parse({ body: " The template. " })).toEqual({ body: "The template." });
  });
});
