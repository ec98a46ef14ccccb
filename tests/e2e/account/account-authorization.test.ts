import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { APIRequestContext, Browser, BrowserContext } from "playwright-core";
import { baseUrl, chromiumAvailable, launchBrowser, openPage } from "../../support/browser";
import { freshClientHeader } from "../sender-actions/app-data";
import {
  actionBody,
  actionId,
  blockState,
  createAccountBlock,
  createLogin,
  createOwnedAccount,
  signedInContext,
} from "./account-support";

/*
 * Every /account page and action, through HTTP as an attacker would send it, for every
 * kind of visitor: nobody, a sender holding the report's link, the owner of another
 * account, staff and admin. Only account A's owner sees or changes account A's report.
 */

type Visitor = {
  name: string;
  request: () => APIRequestContext;
  ownerOfA?: boolean;
  otherOwner?: boolean;
  staff?: boolean;
};

const ACTIONS = [
  // With the confirmation the owner's second button sends: refused for the authorization, not for lack of it.
  { name: "rotateLinkAction", fields: { confirm: "yes" } },
  {
    name: "ownerRequestReviewAction",
    fields: {
      contactEmail: "ops@example.org",
      explanation: "We throttled the campaign to the plan's limit.",
      newRate: "200 per minute.",
      trafficStopped: "yes",
    },
  },
  { name: "ownerReplyAction", fields: { body: "Here is the answer." } },
  { name: "ownerReportMessageAction", fields: { note: "Please look.", submissionId: crypto.randomUUID() } },
] as const;

describe.runIf(chromiumAvailable())("the owner portal's authorization, over HTTP", () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let a: Awaited<ReturnType<typeof createOwnedAccount>>;
  let b: Awaited<ReturnType<typeof createOwnedAccount>>;
  let visitors: Visitor[];

  beforeAll(async () => {
    browser = await launchBrowser();
    a = await createOwnedAccount();
    b = await createOwnedAccount();
    const staff = await createLogin("STAFF");
    const admin = await createLogin("ADMIN");
    const signed = async (email: string) => {
      const context = await signedInContext(browser, email);
      contexts.push(context);
      return context;
    };
    const anonymous = (await openPage(browser, { extraHTTPHeaders: freshClientHeader() })).context();
    // A sender: has opened the report with its link (and holds the secret), has no session.
    const senderPage = await openPage(browser, { extraHTTPHeaders: freshClientHeader() });
    await senderPage.goto(a.path);
    contexts.push(anonymous, senderPage.context());
    const [ownerA, ownerB, staffContext, adminContext] = [
      await signed(a.owner.email),
      await signed(b.owner.email),
      await signed(staff.email),
      await signed(admin.email),
    ];
    visitors = [
      { name: "anonymous", request: () => anonymous.request },
      { name: "sender with the link", request: () => senderPage.context().request },
      { name: "owner of account B", request: () => ownerB.request, otherOwner: true },
      { name: "staff", request: () => staffContext.request, staff: true },
      { name: "admin", request: () => adminContext.request, staff: true },
      { name: "owner of account A", request: () => ownerA.request, ownerOfA: true },
    ];
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  it("serves account A's pages to A's owner only: others are sent to sign in, or get 404", async () => {
    const pages = [
      "/account",
      "/account/notifications",
      "/account/blocks",
      `/account/blocks?smtpUser=${a.smtpUser.id}`,
      `/account/blocks?q=${a.block.publicId}`,
      `/account/blocks/${a.block.publicId}`,
    ];
    for (const visitor of visitors) {
      for (const path of pages) {
        for (const rsc of [false, true]) {
          const label = `${visitor.name} GET ${path}${rsc ? " (RSC)" : ""}`;
          // Next answers an RSC request without its cache-busting `_rsc` parameter with a redirect to one: followed.
          const response = await visitor
            .request()
            .get(path, { maxRedirects: rsc ? 1 : 0, headers: rsc ? { RSC: "1" } : {} });
          const body = await response.text();
          expect(response.status(), label).toBeLessThan(500);
          if (visitor.ownerOfA) {
            expect(response.status(), label).toBe(200);
            if (path.startsWith("/account/blocks")) expect(body, label).toContain(a.block.publicId);
            continue;
          }
          // Nothing of account A in any answer (a report id the visitor typed into the URL may be echoed back).
          if (!path.includes(a.block.publicId)) expect(body, label).not.toContain(a.block.publicId);
          expect(body, label).not.toContain(a.smtpUser.username);
          expect(body, label).not.toContain(a.block.senderAddress);
          // (An RSC answer carries the area's not-found page with status 200; its content is checked above.)
          if (rsc) continue;
          if (visitor.staff) expect(response.status(), label).toBe(404);
          else if (visitor.otherOwner)
            expect(response.status(), label).toBe(path.startsWith("/account/blocks/") ? 404 : 200);
          else {
            expect(response.status(), label).toBe(307);
            expect(response.headers().location, label).toMatch(/^\/sign-in\?next=%2Faccount/);
          }
        }
      }
    }
  });

  it("answers 404 under /account in the visitor's own area, in HTML (tests/e2e/account/area-not-found.test.ts has the rest); the site-wide 404 reads no session", async () => {
    const byName = (name: string) => visitors.find((v) => v.name === name)!;
    const cases = [
      ["staff", "/account", "This page is for account owners"],
      ["admin", "/account/notifications", "This page is for account owners"],
      ["owner of account B", `/account/blocks/${a.block.publicId}`, "This block is not in your account"],
      // Next puts the site-wide 404 into every page, the report page the front server shares too.
      ["staff", "/no-such-page", "Page not found"],
      ["owner of account B", "/no-such-page", "Page not found"],
      ["anonymous", "/no-such-page", "Page not found"],
    ] as const;
    for (const [name, path, title] of cases) {
      const response = await byName(name).request().get(path, { maxRedirects: 0 });
      const body = await response.text();
      expect(response.status(), `${name} ${path}`).toBe(404);
      expect(body, `${name} ${path}`).toMatch(new RegExp(`<h1[^>]*>${title}</h1>`));
      if (path === "/no-such-page")
        for (const area of ["Go to the console", "Open your block history"]) expect(body).not.toContain(area);
    }
    // A report page, opened by staff, carries no trace of the session in its payload.
    const report = await byName("staff").request().get(a.path);
    expect(report.status()).toBe(200);
    expect(await report.text()).not.toContain("This page is for account owners");
  });

  it("exports account A's history as CSV to A's owner only", async () => {
    // An SMTP user named with a right-to-left override and a zero-width space: the CSV shows
    // them as the pages do, so a spreadsheet cannot reorder or hide the text around them.
    const hostile = await createAccountBlock(a.account.id, {
      username: `e2e-\u202Etxt.exe-\u200B${randomBytes(2).toString("hex")}`,
    });
    const shown = hostile.smtpUser.username.replace("\u202E", "⟨U+202E⟩").replace("\u200B", "⟨U+200B⟩");
    for (const visitor of visitors) {
      for (const path of ["/account/blocks/export", `/account/blocks/export?smtpUser=${a.smtpUser.id}`]) {
        const label = `${visitor.name} GET ${path}`;
        const response = await visitor.request().get(path, { maxRedirects: 0 });
        const body = await response.text();
        if (visitor.ownerOfA) {
          expect(response.status(), label).toBe(200);
          expect(response.headers()["content-type"], label).toMatch(/^text\/csv/);
          expect(body.split("\r\n")[0], label).toBe(
            "report_id,status,reason,smtp_user,sender_address,blocked_at,ended_at,review,portal_url",
          );
          expect(body, label).toContain(`${a.block.publicId},`);
          if (path === "/account/blocks/export") {
            expect(body, label).toContain(`${hostile.block.publicId},${hostile.block.status},RATE,${shown},`);
            expect(body, label).not.toMatch(/[\u200B\u202E]/);
          }
          continue;
        }
        expect(body, label).not.toContain(a.block.publicId);
        expect(body, label).not.toContain(a.smtpUser.username);
        if (visitor.staff) expect(response.status(), label).toBe(404);
        else if (visitor.otherOwner) expect(response.status(), label).toBe(200);
        else expect(response.status(), label).toBe(303);
      }
    }
  });

  it("keeps account A's notification list to A's owner, and unsubscribes in one click", async () => {
    process.env.DATABASE_URL = inject("appDatabaseUrl");
    const { getDb } = await import("@/lib/db/client");
    const recipient = await getDb().notificationRecipient.create({
      data: {
        accountId: a.account.id,
        email: `ops-${a.block.publicId}@example.org`,
        events: ["created"],
        unsubscribeToken: randomBytes(24).toString("base64url"),
      },
    });
    const save = await actionId("saveRecipientAction", "lib/actions/notifications.ts");
    const remove = await actionId("removeRecipientAction", "lib/actions/notifications.ts");
    for (const visitor of visitors.filter((v) => !v.ownerOfA)) {
      for (const [id, fields] of [
        [save, { email: "attacker@example.org", events: "created" }],
        // The list's own "Save events" form: the same action, naming A's address by its id.
        [save, { recipientId: recipient.id, events: "escalated" }],
        // With the confirmation the owner's "Yes, remove" sends: refused for the authorization alone.
        [remove, { recipientId: recipient.id, confirm: "yes" }],
      ] as const) {
        const response = await visitor.request().post("/account/notifications", {
          maxRedirects: 0,
          headers: { "Next-Action": id, Accept: "text/x-component", Origin: baseUrl() },
          multipart: await actionBody(fields),
        });
        expect(response.status(), visitor.name).toBeLessThan(500);
      }
      const page = await visitor.request().get("/account/notifications", { maxRedirects: 0 });
      expect(await page.text(), visitor.name).not.toContain(recipient.email);
    }
    expect(
      await getDb().notificationRecipient.findMany({
        where: { accountId: a.account.id },
        select: { email: true, events: true },
      }),
    ).toEqual([{ email: recipient.email, events: ["created"] }]);
    const ownerA = visitors.find((v) => v.ownerOfA)!;
    expect(await (await ownerA.request().get("/account/notifications")).text()).toContain(recipient.email);

    // RFC 8058: the mail client's POST, with no session at all; a GET of the page changes nothing.
    const anonymous = visitors[0]!.request();
    const page = await anonymous.get(`/unsubscribe/${recipient.unsubscribeToken}`);
    expect(await page.text()).toContain(recipient.email);
    expect(await getDb().notificationRecipient.count({ where: { id: recipient.id } })).toBe(1);
    const oneClick = await anonymous.post(`/api/unsubscribe/${recipient.unsubscribeToken}`, {
      form: { "List-Unsubscribe": "One-Click" },
    });
    expect(oneClick.status()).toBe(200);
    expect(await getDb().notificationRecipient.count({ where: { id: recipient.id } })).toBe(0);
  });

  it("refuses every owner action on account A's report to everyone but A's owner, posted directly with the action id", async () => {
    const before = await blockState(a.block.id);
    for (const visitor of visitors.filter((v) => !v.ownerOfA)) {
      for (const action of ACTIONS) {
        const id = await actionId(action.name, "lib/actions/account.ts");
        // The report is named by id; a sender also sends the secret they hold, which changes nothing.
        const fields = { ...action.fields, publicId: a.block.publicId, id: a.block.publicId, auth: a.secret };
        for (const path of [`/account/blocks/${a.block.publicId}`, "/account", "/"]) {
          const response = await visitor.request().post(path, {
            maxRedirects: 0,
            headers: { "Next-Action": id, Accept: "text/x-component", Origin: baseUrl() },
            multipart: await actionBody(fields),
          });
          const label = `${visitor.name} ${action.name} at ${path}`;
          expect(response.status(), label).toBeLessThan(500);
          expect(await response.text(), label).not.toMatch(/auth=[A-Za-z0-9_-]{40}/);
        }
      }
    }
    expect(await blockState(a.block.id)).toEqual(before);

    // The same post from A's own owner goes through: the refusals above are the authorization, not a broken request.
    // Without the confirmation it only asks, and the link the sender has keeps working.
    const owner = visitors.find((v) => v.ownerOfA)!;
    const asked = await owner.request().post(`/account/blocks/${a.block.publicId}`, {
      headers: {
        "Next-Action": await actionId("rotateLinkAction", "lib/actions/account.ts"),
        Accept: "text/x-component",
        Origin: baseUrl(),
      },
      multipart: await actionBody({ publicId: a.block.publicId }),
    });
    expect(asked.status()).toBe(200);
    const question = await asked.text();
    expect(question).toContain("The link the sender has stops working at once and for good");
    expect(question).not.toMatch(/auth=[A-Za-z0-9_-]{40}/);
    expect(await blockState(a.block.id)).toEqual(before);
    const response = await owner.request().post(`/account/blocks/${a.block.publicId}`, {
      headers: {
        "Next-Action": await actionId("rotateLinkAction", "lib/actions/account.ts"),
        Accept: "text/x-component",
        Origin: baseUrl(),
      },
      multipart: await actionBody({ publicId: a.block.publicId, confirm: "yes" }),
    });
    expect(response.status()).toBe(200);
    expect(await response.text()).toMatch(new RegExp(`id=${a.block.publicId}&auth=[A-Za-z0-9_-]{40,}`));
    const after = await blockState(a.block.id);
    expect(after.digest).not.toBe(before.digest);
    expect(after.ownerEvents).toBe(1);
    // Owner B cannot act on A's report even from B's own pages, and A's owner cannot act on B's.
    const ownerA = visitors.find((v) => v.ownerOfA)!;
    const bBefore = await blockState(b.block.id);
    await ownerA.request().post(`/account/blocks/${b.block.publicId}`, {
      headers: {
        "Next-Action": await actionId("rotateLinkAction", "lib/actions/account.ts"),
        Accept: "text/x-component",
        Origin: baseUrl(),
      },
      multipart: await actionBody({ publicId: b.block.publicId, confirm: "yes" }),
    });
    expect(await blockState(b.block.id)).toEqual(bBefore);
  });
});
