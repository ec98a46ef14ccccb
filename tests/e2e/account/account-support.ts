import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { Browser, BrowserContext } from "playwright-core";
import { inject } from "vitest";
import type { BlockReason, UserRole } from "@/lib/generated/prisma/enums";
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

type ManifestEntry = { exportedName?: string; filename?: string };

/** A server action's id, as the build's server-reference manifest lists it (what an attacker reads from the page's JavaScript). */
export async function actionId(exportedName: string, filename: string): Promise<string> {
  const manifest = JSON.parse(await readFile(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, ManifestEntry>;
  };
  const found = Object.entries(manifest.node).find(
    ([, entry]) => entry.exportedName === exportedName && entry.filename === filename,
  );
  if (!found) throw new Error(`no server action ${exportedName} in ${filename}`);
  return found[0];
}

const require = createRequire(import.meta.url);
const { encodeReply } = require("next/dist/compiled/react-server-dom-webpack/client.edge") as {
  encodeReply: (value: unknown) => Promise<FormData | string>;
};

/** The body React's client sends when a form calls a useActionState action: (previous state, form data). */
export async function actionBody(fields: Record<string, string>): Promise<FormData> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  const body = await encodeReply([{ status: "idle" }, form]);
  if (typeof body === "string") throw new Error("expected a multipart body");
  return body;
}

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
