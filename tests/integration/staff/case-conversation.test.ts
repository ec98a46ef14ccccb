import { beforeAll, describe, expect, it } from "vitest";
import { submitAppeal } from "@/lib/data/appeals";
import { reportMessage } from "@/lib/data/cases";
import { getReportByLink } from "@/lib/reports/data/get-report";
import { getReportVersion } from "@/lib/reports/data/report-version";
import { addCaseNote, closeCase, getStaffReport, replyToCase } from "@/lib/data/staff";
import { getDb } from "@/lib/db/client";
import { toReportJson } from "@/lib/reports/report-json";
import { blockWithLink, freshClient, mailJobsFor, validAppealFields } from "../sender-actions/support";
import { createUser } from "./staff-support";

let staffId: string;
let ownerId: string;
beforeAll(async () => {
  staffId = (await createUser("STAFF")).id;
  ownerId = (await createUser("OWNER")).id;
});

async function versionOf(link: { publicId: string; secret: string }) {
  const result = await getReportVersion(link);
  if (result.outcome !== "found") throw new Error(result.outcome);
  return result.version;
}

const TIMES = { medianHours: 6, p90Hours: 20, decisions: 12, windowDays: 30, measured: true };

describe("a case is a conversation", () => {
  it("a staff reply is shown to the sender, mailed to their address, recorded, and changes the page's version", async () => {
    const { block, link } = await blockWithLink();
    const { reference } = await reportMessage({
      link,
      fields: { note: "Why were we blocked?", contactEmail: "it@example.org" },
      client: freshClient(),
    });
    const before = await versionOf(link);
    const reply = "The complaints came from the April import. Remove it and request a review.";
    await expect(replyToCase({ staffId, reference, fields: { message: reply } })).resolves.toEqual({
      reference,
      mailed: true,
    });

    const report = await getReportByLink(link);
    expect(report.conversationReference).toBe(reference);
    expect(report.conversation.map((item) => [item.kind, item.author, item.body])).toEqual([
      ["message", "SENDER", "Why were we blocked?"],
      ["reply", "STAFF", reply],
    ]);
    expect(report.events.map((e) => e.type)).toContain("CASE_REPLIED");
    expect(await versionOf(link)).not.toBe(before);
    const mail = (await mailJobsFor(reference)).find((job) => job.payload.template === "case-reply");
    expect(mail?.payload).toMatchObject({
      to: "it@example.org",
      data: { publicId: block.publicId, text: reply, closed: false },
    });
    // The JSON carries the same conversation.
    expect(toReportJson(report, TIMES).report.conversation.at(-1)).toMatchObject({ kind: "reply", body: reply });
  });

  it("replies to a sender who gave no address on the page only", async () => {
    const { link } = await blockWithLink();
    const { reference } = await reportMessage({ link, fields: {}, client: freshClient() });
    await expect(
      replyToCase({ staffId, reference, fields: { message: "We looked at it: nothing to change." } }),
    ).resolves.toEqual({ reference, mailed: false });
    expect((await mailJobsFor(reference)).map((job) => job.payload.template)).not.toContain("case-reply");
    expect((await getReportByLink(link)).conversation.at(-1)).toMatchObject({
      kind: "reply",
      body: "We looked at it: nothing to change.",
    });
  });

  it("keeps internal notes from the sender: not on the report, not in its JSON, not in its version", async () => {
    const { block, link } = await blockWithLink();
    const { reference } = await reportMessage({ link, fields: { note: "Please check." }, client: freshClient() });
    const before = await versionOf(link);
    const note = "Internal: the customer's CSM says this is a known partner.";
    await addCaseNote({ staffId, reference, fields: { note } });
    const report = await getReportByLink(link);
    expect(JSON.stringify(toReportJson(report, TIMES))).not.toContain("known partner");
    expect(await versionOf(link)).toBe(before);
    const staff = await getStaffReport({ staffId, publicId: block.publicId });
    expect(staff.cases[0]!.messages.at(-1)).toMatchObject({ author: "STAFF", internal: true, note, by: "Test STAFF" });
  });

  it("refuses replies to a closed case, empty words and anyone but staff", async () => {
    const { link } = await blockWithLink();
    const { reference } = await reportMessage({ link, fields: {}, client: freshClient() });
    await expect(replyToCase({ staffId, reference, fields: { message: "" } })).rejects.toMatchObject({
      code: "INVALID",
      details: { fieldErrors: { message: [expect.any(String)] } },
    });
    await expect(
      replyToCase({ staffId: ownerId, reference, fields: { message: "Hello there." } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(addCaseNote({ staffId: ownerId, reference, fields: { note: "Hello there." } })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      replyToCase({ staffId, reference: "C-ZZZZZZ", fields: { message: "Hello there." } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await closeCase({ staffId, reference, fields: { message: "Closing: nothing to act on." } });
    await expect(replyToCase({ staffId, reference, fields: { message: "One more thing." } })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const messages = await getDb().caseMessage.findMany({ where: { case: { reference } } });
    expect(messages.map((m) => m.note)).toEqual([null, "Closing: nothing to act on."]);
  });

  it("gives the sender one reference for the block: a review request after a case is quoted by the case's reference", async () => {
    const { link } = await blockWithLink({ reason: "SPAM" });
    const { reference: caseReference } = await reportMessage({
      link,
      fields: { note: "Is this about the Black Friday mail?" },
      client: freshClient(),
    });
    await replyToCase({
      staffId,
      reference: caseReference,
      fields: { message: "Yes: fix the template, then request a review." },
    });
    const { reference: appealReference, conversationReference } = await submitAppeal({
      link,
      fields: validAppealFields("SPAM"),
      client: freshClient(),
    });
    expect(appealReference).not.toBe(caseReference);
    expect(conversationReference).toBe(caseReference);
    const received = (await mailJobsFor(caseReference)).find((job) => job.payload.template === "appeal-received");
    expect(received?.payload.data).toMatchObject({ reference: caseReference });
    const report = await getReportByLink(link);
    expect(report.conversationReference).toBe(caseReference);
    expect(report.conversation.map((item) => item.kind)).toEqual(["message", "reply", "review_request"]);
  });
});
