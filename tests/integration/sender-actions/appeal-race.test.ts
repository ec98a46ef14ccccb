import { describe, expect, it } from "vitest";
import { submitAppealFromForm } from "@/lib/actions/sender/submit-appeal-from-form";
import { submitAppeal } from "@/lib/data/appeals";
import { getDb } from "@/lib/db/client";
import type { AppError } from "@/lib/errors";
import { blockWithLink, formDataOf, freshClient, mailJobsFor, validAppealFields } from "./support";

const RACERS = 20;

async function expectExactlyOneAppeal(blockId: string) {
  const appeals = await getDb().appeal.findMany({ where: { blockId } });
  expect(appeals).toHaveLength(1);
  const reference = appeals[0]!.reference;
  expect(await getDb().event.count({ where: { blockId, type: "APPEAL_SUBMITTED" } })).toBe(1);
  expect(await mailJobsFor(reference)).toHaveLength(2);
  return reference;
}

describe("one open appeal per block, under concurrency", () => {
  it(`${RACERS} simultaneous submissions create exactly one appeal; the others hear "already requested"`, async () => {
    const { block, link } = await blockWithLink({ reason: "SPAM" });
    const client = freshClient();
    const outcomes = await Promise.all(
      Array.from({ length: RACERS }, () =>
        submitAppeal({ link, fields: validAppealFields("SPAM"), client }).then(
          (result) => ({ ok: true as const, reference: result.reference }),
          (error: AppError) => ({ ok: false as const, code: error.code, message: error.message }),
        ),
      ),
    );
    const winners = outcomes.filter((o) => o.ok);
    const losers = outcomes.filter((o) => !o.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(RACERS - 1);
    for (const loser of losers)
      expect(loser).toEqual({ ok: false, code: "CONFLICT", message: "A review is already requested for this block." });
    expect(await expectExactlyOneAppeal(block.id)).toBe(winners[0]!.reference);
  });

  it(`${RACERS} simultaneous form posts through the action's inner function do the same`, async () => {
    const { block, link } = await blockWithLink({ reason: "RATE" });
    const states = await Promise.all(
      Array.from({ length: RACERS }, () =>
        submitAppealFromForm(formDataOf(link, validAppealFields("RATE")), "198.51.100.20"),
      ),
    );
    expect(states.filter((s) => s.status === "success")).toHaveLength(1);
    const errors = states.filter((s) => s.status === "error");
    expect(errors).toHaveLength(RACERS - 1);
    for (const state of errors) {
      expect(state.message).toBe("A review is already requested for this block.");
      // What the user typed comes back, the secret does not.
      expect(state.values).toMatchObject({ newRate: validAppealFields("RATE").newRate });
      expect(state.values).not.toHaveProperty("auth");
    }
    await expectExactlyOneAppeal(block.id);
  });
});
