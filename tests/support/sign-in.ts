import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { inject } from "vitest";
import type { UserRole } from "@/lib/generated/prisma/enums";
import { openPage } from "./browser";

/**
 * Users and sign-ins for the browser tests, in one place.
 *
 * Sign-ins are limited per address (10 in 15 minutes) and per client, so every test signs
 * in with a user of its own, from a client address of its own (`freshClientHeader`).
 */

export const TEST_PASSWORD = "a password for the browser tests";

/** A client address of its own, so the per-client sign-in limit counts this test alone. */
export const freshClientHeader = () => ({ "x-forwarded-for": `198.19.${randomBytes(1)[0]}.${randomBytes(1)[0]}` });

/** A user who signs in with TEST_PASSWORD; an OWNER is bound to `accountId`. */
export async function createTestUser(
  role: UserRole,
  { name = `E2E ${role.toLowerCase()}`, accountId = null }: { name?: string; accountId?: string | null } = {},
): Promise<{ id: string; email: string }> {
  process.env.DATABASE_URL = inject("appDatabaseUrl");
  const { getDb } = await import("@/lib/db/client");
  const email = `${role.toLowerCase()}-${randomBytes(4).toString("hex")}@example.net`;
  const user = await getDb().user.create({
    data: { email, name, role, accountId, passwordHash: await bcrypt.hash(TEST_PASSWORD, 4) },
  });
  return { id: user.id, email };
}

/** Fills and sends the sign-in form the page is showing (it does not wait for the answer). */
export async function submitSignIn(page: Page, email: string, password = TEST_PASSWORD): Promise<void> {
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Signs in on the sign-in page the browser is on and waits until it has left it. */
export async function completeSignIn(page: Page, email: string, password = TEST_PASSWORD): Promise<void> {
  await submitSignIn(page, email, password);
  await page.waitForURL((url) => url.pathname !== "/sign-in");
}

/** A new page of its own (own cookies, own client address), signed in through `/sign-in`. */
export async function signedInPage(
  browser: Browser,
  email: string,
  { password = TEST_PASSWORD, ...options }: BrowserContextOptions & { password?: string } = {},
): Promise<Page> {
  const page = await openPage(browser, {
    ...options,
    extraHTTPHeaders: { ...freshClientHeader(), ...options.extraHTTPHeaders },
  });
  await page.goto("/sign-in");
  await completeSignIn(page, email, password);
  return page;
}
