import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateApiKey } from "@/lib/api/api-key-format";
import { chromiumAvailable, baseUrl, launchBrowser, openPage } from "../support/browser";
import { withAppDb } from "../support/demo-links";
import { expectNoSidewaysScroll } from "../support/a11y";
import { evidenceOfEveryKind, spamRulesItem } from "../support/evidence-fixtures";
import { createTestUser, freshClientHeader, signedInPage } from "../support/sign-in";

/*
 * The relay names the SMTP user, the sender address and the evidence, and any of them can be
 * one long unbroken string. The report (the sender's page and the owner's, which shares its
 * components) must still fit a 375 px phone: long names wrap inside their card.
 */

// Each one string without a space or a hyphen, far wider than a phone.
const SMTP_USER = `transactional${"X".repeat(120)}`;
const SENDER_ADDRESS = `${"n".repeat(64)}@${"d".repeat(63)}.${"e".repeat(63)}.example`;
const RULE = `VERY_LONG_RULE_NAME${"_WITHOUT_SPACES".repeat(12)}`;

let key: string;
let keyId: string;

beforeAll(async () => {
  // What `npm run apikey:create` does, written straight into the running app's database.
  const generated = generateApiKey();
  keyId = await withAppDb(async (db) => {
    const { rows } = await db.query<{ id: string }>(
      "INSERT INTO api_key (name, prefix, key_digest) VALUES ('e2e-long-names', $1, $2) RETURNING id",
      [generated.prefix, Buffer.from(generated.digest)],
    );
    return rows[0]!.id;
  });
  key = generated.key;
});

afterAll(async () => {
  await withAppDb((db) => db.query("UPDATE api_key SET revoked_at = now() WHERE id = $1", [keyId]));
});

/** A block created as the relay creates it, with long names everywhere the relay names something. */
async function createLongBlock(accountId: string, senderAddress: string | null) {
  const evidence = evidenceOfEveryKind().map((item) =>
    item.kind === "spam_rules"
      ? spamRulesItem({ hits: [{ rule: RULE, score: 9.5, description: `Matched ${RULE}` }, ...item.hits] })
      : item,
  );
  const response = await fetch(`${baseUrl()}/api/v1/blocks`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({
      accountId,
      smtpUser: { username: `${SMTP_USER}${senderAddress ? "a" : "b"}` },
      ...(senderAddress ? { senderAddress } : {}),
      reason: "SPAM",
      scores: { spam: 95, abuse: 20, rate: 5, combined: 95, threshold: 80 },
      evidence,
    }),
  });
  expect(response.status).toBe(201);
  const json = (await response.json()) as { id: string; reportUrl: string };
  const url = new URL(json.reportUrl);
  return { publicId: json.id, path: `${url.pathname}${url.search}` };
}

/** No sideways scrolling, with every folded part (the forms, "show the table") open too. */
async function expectFits(page: Page, label: string) {
  await expectNoSidewaysScroll(page, label);
  await page.evaluate(() => document.querySelectorAll("details").forEach((details) => (details.open = true)));
  await expectNoSidewaysScroll(page, `${label}, everything unfolded`);
}

describe.runIf(chromiumAvailable())("a report with long names at 375 px", () => {
  let browser: Browser;
  let accountId: string;
  let blocks: { label: string; publicId: string; path: string }[];
  beforeAll(async () => {
    browser = await launchBrowser();
    accountId = await withAppDb(async (db) => {
      const { rows } = await db.query<{ id: string }>(
        "INSERT INTO account (name, plan_name, limit_per_minute) VALUES ('Long names', 'Starter', 120) RETURNING id",
      );
      return rows[0]!.id;
    });
    blocks = [
      { label: "a sender address", ...(await createLongBlock(accountId, SENDER_ADDRESS)) },
      { label: "a whole SMTP user", ...(await createLongBlock(accountId, null)) },
    ];
  });
  afterAll(async () => browser?.close());

  it.each(["light", "dark"] as const)(
    "fits the sender's page without sideways scrolling, and still says every name in full (%s)",
    async (colorScheme) => {
      for (const block of blocks) {
        const page = await openPage(browser, {
          viewport: { width: 375, height: 800 },
          colorScheme,
          extraHTTPHeaders: freshClientHeader(),
        });
        expect((await page.goto(block.path))!.status()).toBe(200);
        const top = (await page.locator("section[aria-labelledby='report-title']").textContent()) ?? "";
        if (block.label === "a sender address") {
          expect(top).toContain(`Only this sender address, under SMTP user ${SMTP_USER}a, is blocked.`);
          expect(top).toContain(`Pause sending from ${SENDER_ADDRESS} until it is fixed.`);
        }
        expect(top).toContain(RULE.slice(0, 40));
        await expectFits(page, `sender's page, ${block.label} (${colorScheme})`);
        await page.context().close();
      }
    },
  );

  it("fits the owner's page of the same reports without sideways scrolling", async () => {
    const owner = await createTestUser("OWNER", { accountId });
    const page = await signedInPage(browser, owner.email, { viewport: { width: 375, height: 800 } });
    for (const block of blocks) {
      expect((await page.goto(`/account/blocks/${block.publicId}`))!.status()).toBe(200);
      await page.getByRole("heading", { level: 1 }).waitFor();
      await expectFits(page, `owner's page, ${block.label}`);
    }
    await page.context().close();
  });
});
