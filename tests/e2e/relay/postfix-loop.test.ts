import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromiumAvailable, launchBrowser, openPage } from "../../support/browser";
import { createTestUser, signedInPage } from "../../support/sign-in";
import { freePort } from "../../support/embedded-db";
import { complaintRateItem } from "../../support/evidence-fixtures";
import { postfixAvailable, startPostfix, swaks, type RunningPostfix } from "../../support/postfix";
import { startSmtpSink, type SmtpSink } from "../../integration/sender-actions/smtp-sink";
import { freshClientHeader } from "../sender-actions/app-data";

/*
 * The whole loop with a real MTA: Postfix (its own configuration, high ports) asks the
 * policy service (`npm run policy-service`) about every recipient; a blocked sender gets
 * 550 with the report link; the link, taken from the SMTP reply, opens the report in
 * Chromium; the sender requests a review; staff approve it in the console; the same
 * message is then accepted and relayed to a receiver started here.
 */

const SENDER = `news-${randomBytes(3).toString("hex")}@blocked-shop.example`;
const RECIPIENT = "customer@example.org";
const baseUrl = () => inject("baseUrl");

async function appDb() {
  process.env.DATABASE_URL = inject("appDatabaseUrl");
  return (await import("@/lib/db/client")).getDb();
}

async function startPolicyService(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/policy-service.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: inject("appDatabaseUrl"),
      PUBLIC_BASE_URL: baseUrl(),
      POLICY_PORT: String(port),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("ready on")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`the policy service exited with ${code}: ${output}`)));
  });
  return child;
}

describe.runIf(postfixAvailable() && chromiumAvailable())("the relay loop with Postfix", () => {
  let browser: Browser;
  let sink: SmtpSink;
  let policy: ChildProcess;
  let postfix: RunningPostfix;

  beforeAll(async () => {
    browser = await launchBrowser();
    sink = await startSmtpSink();
    const policyPort = await freePort();
    policy = await startPolicyService(policyPort);
    postfix = await startPostfix({ smtpPort: await freePort(), policyPort, relayPort: Number(new URL(sink.url).port) });
  });
  afterAll(async () => {
    await postfix?.stop();
    if (policy && policy.exitCode === null) {
      const exited = new Promise((resolve) => policy.once("exit", resolve));
      policy.kill("SIGTERM");
      await exited;
    }
    await sink?.close();
    await browser?.close();
  });

  const send = (subject: string) => swaks({ port: postfix.port, from: SENDER, to: RECIPIENT, subject });

  it("refuses a blocked sender with the link, escalates while it keeps sending, and accepts its mail once staff approve its review", async () => {
    // The relay blocked this sender address (through the API, as a relay does).
    const db = await appDb();
    const { OPERATOR } = await import("@/lib/data/callers");
    const { createApiKey } = await import("@/lib/data/api-keys");
    const apiKey = await createApiKey(OPERATOR, { name: `postfix-loop-${randomBytes(2).toString("hex")}` });
    const account = await db.account.create({
      data: { name: "Blocked Shop", planName: "Standard", limitPerMinute: 600 },
    });
    const created = await fetch(`${baseUrl()}/api/v1/blocks`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey.key}`, "content-type": "application/json" },
      body: JSON.stringify({
        accountId: account.id,
        smtpUser: { username: "shop-mailer" },
        senderAddress: SENDER,
        reason: "ABUSE",
        scores: { spam: 31, abuse: 78, rate: 12, combined: 84, threshold: 70 },
        evidence: [complaintRateItem()],
      }),
    });
    expect(created.status).toBe(201);
    const { id, reportUrl } = (await created.json()) as { id: string; reportUrl: string };

    // 1. Postfix refuses it with the exact reply and the link.
    const refused = await send("First try");
    expect(refused, postfix.log()).toMatch(
      /<\*\* +550 5\.7\.1 <customer@example\.org>: Recipient address rejected: \[ABUSE\] Sender blocked: spam or abuse detected\. See: \S+/,
    );
    const link = /See: (\S+)/.exec(refused)![1]!;
    expect(link).toBe(reportUrl);
    expect(new URL(link).searchParams.get("id")).toBe(id);

    // 2. It keeps sending: 25 more refusals, counted (coalesced) against the block: level 2.
    for (let i = 0; i < 25; i += 1) expect(await send(`Try ${i + 2}`)).toContain("550 5.7.1");
    await expect
      .poll(async () => (await db.block.findUniqueOrThrow({ where: { publicId: id } })).attemptCount, {
        timeout: 15_000,
        interval: 250,
      })
      .toBe(26);
    expect(sink.received).toHaveLength(0);

    // 3. The link from the SMTP reply opens the report, which shows the escalation.
    const page = await openPage(browser, { extraHTTPHeaders: freshClientHeader() });
    await page.goto(link);
    await page.getByText("Level 2 of 10").waitFor();
    await page.getByText("26 refused attempts to send so far").waitFor();

    // 4. The sender requests a review.
    await page.locator("#request-review summary").click();
    const form = page.locator("form[aria-label='Request review']");
    await form.getByLabel("Your email address").fill("ops@blocked-shop.example");
    await form
      .getByLabel("What happened and what you fixed")
      .fill("A compromised form sent mail to bought addresses; we closed it and removed the list.");
    for (const label of [
      "How the list was collected",
      "How recipients opted in",
      "What was removed",
      "The unsubscribe path",
    ]) {
      const field = form.getByLabel(label);
      if (await field.count())
        await field.fill("Double opt-in at signup; the bought list is deleted; one-click unsubscribe.");
    }
    await form.getByLabel("The traffic that caused this block has stopped.").check();
    await form.getByRole("button", { name: "Request review" }).click();
    await page.getByText("Review requested: waiting for our compliance team").waitFor();
    const appeal = await db.appeal.findFirstOrThrow({ where: { block: { publicId: id } } });
    // Under review the sender is still refused.
    expect(await send("While under review")).toContain("550 5.7.1");

    // 5. A staff member approves it in the console.
    const reviewer = await createTestUser("STAFF", { name: "Loop Reviewer" });
    const staff = await signedInPage(browser, reviewer.email);
    await staff.getByRole("heading", { name: "Review queue" }).waitFor();
    // Found by its reference, as a reviewer told of it would: the queue is oldest first, 50 a page.
    await staff.goto(`/staff?q=${appeal.reference}`);
    await staff.locator("#to-decide").getByRole("link", { name: appeal.reference }).click();
    const decision = staff.locator(`form[aria-label='Decide on ${appeal.reference}']`);
    await decision.getByLabel("Approve and lift the block").check();
    await decision
      .getByLabel("Reason or question for the sender")
      .fill("The form is closed and the list is gone; lifting the block.");
    await decision.getByRole("button", { name: "Record decision" }).click();
    await staff.getByText(`Request ${appeal.reference} approved and the block lifted`).waitFor();

    // 6. The same sender's mail is accepted and arrives.
    const accepted = await send("After the review");
    expect(accepted, postfix.log()).toMatch(/<- +250 2\.1\.5 Ok/);
    expect(accepted).toMatch(/<- +250 2\.0\.0 Ok: queued/);
    const [mail] = await sink.waitFor((mails) => mails.some((m) => m.header("subject") === "After the review"), 30_000);
    expect(mail).toMatchObject({ from: SENDER, to: [RECIPIENT] });
    expect(sink.received.map((m) => m.header("subject"))).toEqual(["After the review"]);
  });
});
