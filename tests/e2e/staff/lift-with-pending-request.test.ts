import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { callFormAction, get, hiddenFields, post, postPageForm, sessionCookieFrom } from "../../support/http-session";
import { createTestUser, freshClientHeader, TEST_PASSWORD } from "../../support/sign-in";
import { createOpenAppeal, createReport, storedFor } from "../sender-actions/app-data";

/*
 * The console's "Lift this block" form posted for a block whose review request awaits a
 * decision, as a staff member bypassing the page would: the form taken from an active
 * block's page with another report's id, and the server action posted directly by its id.
 * The page hides the form then; the server must refuse it too, so a reviewer's claim and
 * the decision the sender is owed are not skipped.
 */

const REASON = "Lifting straight from the console, around the request.";

async function appDb() {
  process.env.DATABASE_URL = inject("appDatabaseUrl");
  return (await import("@/lib/db/client")).getDb();
}

/** A staff session, signed in through the sign-in page's form as a browser without JavaScript posts it. */
async function staffSession(): Promise<string> {
  const { email } = await createTestUser("STAFF", { name: "Lift Tester" });
  const response = await postPageForm(
    "/sign-in",
    "Sign in",
    { email, password: TEST_PASSWORD },
    { headers: freshClientHeader() },
  );
  const cookie = sessionCookieFrom(response);
  if (!cookie) throw new Error(`sign-in set no session cookie (status ${response.status})`);
  return cookie;
}

/** A block with an open review request; `claimedBy` an admin who claimed it a minute ago. */
async function blockWithPendingRequest(claimedBy?: { id: string }) {
  const { block, path } = await createReport({ reason: "SPAM" });
  const reference = await createOpenAppeal(block);
  if (claimedBy) {
    const now = new Date();
    await (
      await appDb()
    ).appeal.update({
      where: { reference },
      data: { claimedById: claimedBy.id, claimedAt: now, claimActiveAt: now },
    });
  }
  return { block, path, reference };
}

async function expectUnchanged(block: { id: string; publicId: string }, reference: string, claimedById: string | null) {
  const stored = await storedFor(block.id, block.publicId);
  expect(stored.status).toBe("UNDER_REVIEW");
  expect(stored.appeals).toEqual([expect.objectContaining({ reference, status: "OPEN", claimedById })]);
  expect(await (await appDb()).event.count({ where: { blockId: block.id, type: "LIFTED" } })).toBe(0);
}

const waiting = (reference: string) =>
  `Review request ${reference} is waiting for a decision: approve it to lift the block, so its sender hears why.`;

describe("lifting a block whose review request awaits a decision, over plain HTTP", () => {
  let cookie: string;
  let admin: { id: string };
  let activePage: string;
  let active: { id: string; publicId: string };
  beforeAll(async () => {
    cookie = await staffSession();
    admin = await createTestUser("ADMIN", { name: "Alex Admin" });
    // The page the form is taken from: an active block without a request, which offers it.
    ({ block: active } = await createReport({ reason: "ABUSE" }));
    activePage = `/staff/reports/${active.publicId}`;
  });

  it.each([
    ["open", false],
    ["claimed by another reviewer", true],
  ] as const)(
    "refuses a request that is %s, posted as the server action (JavaScript's way) and as the page's form (without)",
    async (_label, claimed) => {
      const { block, reference } = await blockWithPendingRequest(claimed ? admin : undefined);
      const fields = { publicId: block.publicId, reason: REASON };

      const direct = await callFormAction(activePage, "liftBlockAction", fields, {
        cookie,
        headers: freshClientHeader(),
      });
      expect(direct.status).toBe(200);
      const directText = await direct.text();
      expect(directText).toContain(waiting(reference));
      if (claimed) expect(directText).toContain("Alex Admin has claimed it: ask them to decide it");
      expect(directText).not.toContain("lifted. The relay is told");
      await expectUnchanged(block, reference, claimed ? admin.id : null);

      // Without JavaScript: the active block's page comes back with the refusal and the reason as typed.
      const form = await postPageForm(activePage, "Lift this block", fields, { cookie, headers: freshClientHeader() });
      expect(form.status).toBe(200);
      const html = await form.text();
      expect(html).toContain(waiting(reference));
      expect(html).toMatch(new RegExp(`<textarea[^>]*name="reason"[^>]*>${REASON}</textarea>`));
      await expectUnchanged(block, reference, claimed ? admin.id : null);
      expect((await storedFor(active.id, active.publicId)).status).toBe("ACTIVE");
    },
  );

  it("refuses a request that arrived while the reviewer wrote the reason: the page no longer offers the form, yet shows the refusal and the reason, without JavaScript", async () => {
    const { block } = await createReport({ reason: "ABUSE" });
    const path = `/staff/reports/${block.publicId}`;
    const page = await get(path, { cookie, headers: freshClientHeader() });
    const fields = hiddenFields(await page.text(), "Lift this block");
    const reference = await createOpenAppeal(block);
    const body = new FormData();
    for (const [name, value] of fields) body.append(name, value);
    body.append("reason", REASON);
    const response = await post(path, body, { cookie, headers: freshClientHeader() });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(waiting(reference));
    expect(html).toMatch(new RegExp(`<textarea[^>]*name="reason"[^>]*>${REASON}</textarea>`));
    await expectUnchanged(block, reference, null);
  });

  it("still lifts a block without a waiting request, the same way", async () => {
    const { block } = await createReport({ reason: "RATE" });
    const response = await postPageForm(
      `/staff/reports/${block.publicId}`,
      "Lift this block",
      { reason: REASON },
      { cookie, headers: freshClientHeader() },
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(`Block ${block.publicId} lifted.`);
    expect(await (await appDb()).block.findUniqueOrThrow({ where: { id: block.id } })).toMatchObject({
      status: "LIFTED",
      liftReason: REASON,
    });
  });

  it("declining a request whose block the relay lifted meanwhile tells nobody the block stays", async () => {
    const { block, path, reference } = await blockWithPendingRequest();
    process.env.DATABASE_URL = inject("appDatabaseUrl");
    const { liftBlock } = await import("@/lib/data/blocks/lift-block");
    const { decideAppeal } = await import("@/lib/data/staff");
    await liftBlock({
      publicId: block.publicId,
      reason: "Lifted by the relay's support desk.",
      actor: { type: "SYSTEM", id: `e2e-${randomBytes(2).toString("hex")}` },
    });
    await decideAppeal({
      staffId: admin.id,
      reference,
      fields: { decision: "deny", text: "The complaint rate was still too high when we looked." },
    });
    const stored = await storedFor(block.id, block.publicId);
    expect(stored.status).toBe("LIFTED");
    const decided = stored.mailJobs.find((mail) => mail.template === "appeal-decided");
    expect(decided?.data).toMatchObject({ outcome: "DENIED", blockEnded: { status: "LIFTED" } });

    const page = await get(path, { headers: freshClientHeader() });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Review declined: the block had already ended");
    expect(html).toContain("declining it does not put the block back in force");
    expect(html).not.toContain("the block stays");
  });
});
