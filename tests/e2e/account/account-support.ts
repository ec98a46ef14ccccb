import { randomBytes } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { inject } from "vitest";
import type { BlockReason, UserRole } from "@/lib/generated/prisma/enums";
import { actionBody, serverActionId } from "../../support/raw-http";
import { createTestUser, signedInPage } from "../../support/sign-in";

export { TEST_PASSWORD as PASSWORD } from "../../support/sign-in";

async function appDb() {
  process.env.DATABASE_URL = inject("appDatabaseUrl");
  return (await import("@/lib/db/client")).getDb();
}

async function factories() {
  process.env.DATABASE_URL = inject("appDatabaseUrl");
  return import("@/tests/support/factories");
}

/** A block (with its CREATED event) in `accountId` for a new SMTP user, and its report link. */
export async function createAccountBlock(accountId: string, options: { reason?: BlockReason; username?: string } = {}) {
  const { createBlock, createSmtpUser } = await factories();
  const smtpUser = await createSmtpUser(accountId, options.username ?? `e2e-app-${randomBytes(3).toString("hex")}`);
  const { block, secret } = await createBlock({
    accountId,
    smtpUserId: smtpUser.id,
    reason: options.reason ?? "RATE",
    senderAddress: `news-${randomBytes(2).toString("hex")}@e2e.example`,
  });
  const db = await appDb();
  await db.event.create({
    data: {
      blockId: block.id,
      accountId,
      type: "CREATED",
      actorType: "RELAY",
      data: { reason: block.reason, level: 1 },
    },
  });
  return { block, secret, smtpUser, path: `/?${new URLSearchParams({ id: block.publicId, auth: secret })}` };
}

/** A login with the tests' password; an OWNER is bound to `accountId`. */
export const createLogin = (role: UserRole, accountId: string | null = null) => createTestUser(role, { accountId });

/** A fresh account with its own owner and one block. */
export async function createOwnedAccount() {
  const { createAccount } = await factories();
  const account = await createAccount();
  const owner = await createLogin("OWNER", account.id);
  return { account, owner, ...(await createAccountBlock(account.id)) };
}

/** A browser context signed in through the sign-in form (JavaScript off: the plain HTML post). */
export async function signedInContext(browser: Browser, email: string, password?: string): Promise<BrowserContext> {
  return (await signedInPage(browser, email, { javaScriptEnabled: false, password })).context();
}

/** A server action's id by export and module, as an attacker reads it from the page's JavaScript. */
export const actionId = (exportedName: string, filename: string) => serverActionId(exportedName, filename);

export { actionBody };

/** What the database holds for a block: its secret digest and what the owner's actions would have written. */
export async function blockState(blockId: string) {
  const db = await appDb();
  const block = await db.block.findUniqueOrThrow({
    where: { id: blockId },
    select: { secretDigest: true, status: true },
  });
  return {
    digest: Buffer.from(block.secretDigest).toString("hex"),
    status: block.status,
    appeals: await db.appeal.count({ where: { blockId } }),
    cases: await db.complianceCase.count({ where: { blockId } }),
    ownerEvents: await db.event.count({ where: { blockId, actorType: "OWNER" } }),
  };
}

/** The notifications page's "Add an address to notify" form. */
export const addressForm = (page: Page) => page.getByRole("form", { name: "Add an address to notify" });
