import { describe, expect, it } from "vitest";
import { replyToInfoRequest, submitAppeal } from "@/lib/data/appeals";
import { getDb } from "@/lib/db/client";
import type { AppError } from "@/lib/errors";
import { blockWithLink, freshClient, mailJobsFor, validAppealFields } from "./support";

async function appealNeedingInfo() {
  const target = await blockWithLink({ reason: "SPAM" });
  const { reference } = await submitAppeal({
    link: target.link,
    fields: validAppealFields("SPAM"),
    client: freshClient(),
  });
  await getDb().appeal.update({
    where: { reference },
    data: { status: "NEEDS_INFO", infoRequest: "Which template did you remove?" },
  });
  return { ...target, reference };
}

describe("replyToInfoRequest", () => {
  it("stores the answer, puts the appeal back in the queue and tells compliance, together", async () => {
    const { block, link, reference } = await appealNeedingInfo();
    const result = await replyToInfoRequest({
      link,
      fields: { body: "The Black Friday image-only template." },
      client: freshClient(),
    });
    expect(result.reference).toBe(reference);
    const appeal = await getDb().appeal.findUniqueOrThrow({ where: { reference }, include: { messages: true } });
    expect(appeal.status).toBe("OPEN");
    expect(appeal.messages).toMatchObject([{ author: "SENDER", body: "The Black Friday image-only template." }]);
    const types = (await getDb().event.findMany({ where: { blockId: block.id }, orderBy: { id: "asc" } })).map(
      (e) => e.type,
    );
    expect(types).toEqual(["APPEAL_SUBMITTED", "APPEAL_REPLIED"]);
    const notice = (await mailJobsFor(reference)).find((j) => j.payload.template === "appeal-reply-notice");
    expect(notice?.payload.data).toMatchObject({
      infoRequest: "Which template did you remove?",
      reply: "The Black Friday image-only template.",
    });
  });

  it("accepts one reply per question, even when sent twice at once", async () => {
    const { link, reference } = await appealNeedingInfo();
    const outcomes = await Promise.all(
      [0, 1].map(() =>
        replyToInfoRequest({ link, fields: { body: "Same answer." }, client: freshClient() }).then(
          () => "ok",
          (e: AppError) => e.code,
        ),
      ),
    );
    expect(outcomes.sort()).toEqual(["CONFLICT", "ok"]);
    expect(await getDb().appealMessage.count({ where: { appeal: { reference } } })).toBe(1);
  });

  it("refuses when nobody asked, and validates the answer", async () => {
    const { link } = await blockWithLink();
    expect(
      await replyToInfoRequest({ link, fields: { body: "hello" }, client: freshClient() }).catch(
        (e: AppError) => e.code,
      ),
    ).toBe("CONFLICT");
    const asked = await appealNeedingInfo();
    const invalid = await replyToInfoRequest({
      link: asked.link,
      fields: { body: "   " },
      client: freshClient(),
    }).catch((e: AppError) => e);
    expect(invalid).toMatchObject({
      code: "INVALID",
      details: { fieldErrors: { body: [expect.stringMatching(/fill in your answer/)] } },
    });
  });
});
