import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import bcrypt from "bcryptjs";
import { describe, expect, inject, it } from "vitest";
import type { UserRole } from "@/lib/generated/prisma/enums";
import { baseUrl } from "../../support/browser";
import {
  callFormAction,
  get,
  hiddenFields,
  post,
  postFormAction,
  postPageForm,
  sessionCookieFrom,
} from "../../support/http-session";
import { createOpenAppeal, createReport, freshClientHeader, storedFor } from "../sender-actions/app-data";

/*
 * Sign-in, sessions and the staff console's refusals, through plain HTTP as an attacker
 * has them: next-auth's endpoints, forms posted without a browser, server actions posted
 * by their id, RSC requests, and cookies replayed after sign-out.
 */

const PASSWORD = "a password for the session tests";
const REFUSED_ACTION = "Your session has ended or does not allow this. Sign in again.";

async function appDb() {
  process.env.DATABASE_URL = inject("appDatabaseUrl");
  return (await import("@/lib/db/client")).getDb();
}

async function createUser(role: UserRole) {
  const db = await appDb();
  const account =
    role === "OWNER"
      ? await db.account.create({ data: { name: "Owner's account", planName: "Starter", limitPerMinute: 100 } })
      : null;
  return db.user.create({
    data: {
      email: `${role.toLowerCase()}-${randomBytes(4).toString("hex")}@example.net`,
      name: `Session ${role}`,
      role,
      accountId: account?.id ?? null,
      passwordHash: await bcrypt.hash(PASSWORD, 4),
    },
  });
}

/** Signs in through the sign-in page's form, posted as a browser without JavaScript posts it. */
async function signIn(email: string, { password = PASSWORD, next }: { password?: string; next?: string } = {}) {
  const page = next === undefined ? "/sign-in" : `/sign-in?${new URLSearchParams({ next })}`;
  const response = await postPageForm(page, "Sign in", { email, password }, { headers: freshClientHeader() });
  return { response, cookie: sessionCookieFrom(response), location: response.headers.get("location") };
}

async function staffSession() {
  const user = await createUser("STAFF");
  const { cookie } = await signIn(user.email);
  expect(cookie).not.toBeNull();
  return { user, cookie: cookie! };
}

/** Whether a cookie opens the console: the queue renders instead of a redirect to sign-in. */
async function opensConsole(cookie: string | null) {
  const response = await get("/staff", { cookie });
  if (response.status === 200) return (await response.text()).includes("Review queue");
  expect(response.status).toBe(307);
  expect(response.headers.get("location")).toBe("/sign-in?next=%2Fstaff");
  return false;
}

/** A session of a user who cannot sign in through the page (an account owner), as its token would be. */
async function sessionOf(user: { id: string; sessionVersion: number }) {
  const { issueSessionToken } = await import("@/lib/auth/session-token");
  return `next-auth.session-token=${await issueSessionToken({ userId: user.id, sessionVersion: user.sessionVersion }, inject("sessionSecret"))}`;
}

const sessionsModule = async () => {
  await appDb();
  return import("@/lib/data/users/sessions");
};

describe("one way in", () => {
  const NEXT_AUTH_PATHS = [
    "csrf",
    "session",
    "providers",
    "signin",
    "signin/credentials",
    "signout",
    "error",
    "error?error=Configuration",
    "callback/credentials",
    "signin/oidc",
    "callback/oidc",
    "verify-request",
    "_log",
    "anything/else",
  ];

  it.each(["GET", "POST"])(
    "answers %s on every next-auth endpoint with a plain 404: no page, no cookie",
    async (method) => {
      for (const path of NEXT_AUTH_PATHS) {
        const response =
          method === "GET" ? await get(`/api/auth/${path}`) : await post(`/api/auth/${path}`, new FormData());
        expect(response.status, path).toBe(404);
        expect(response.headers.getSetCookie(), path).toEqual([]);
        expect(response.headers.get("content-type"), path).toMatch(/^text\/plain/);
        expect(response.headers.get("content-security-policy"), path).toBe(
          "default-src 'none'; frame-ancestors 'none'",
        );
        expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
        expect(await response.text(), path).not.toMatch(/<html|<form|csrf/i);
      }
    },
  );

  it.each(["STAFF", "OWNER"] as const)(
    "gives a %s no session through next-auth's credentials callback, however often it is tried",
    async (role) => {
      const user = await createUser(role);
      const attempt = async (password: string) => {
        // As the attack goes: a CSRF token from next-auth, then the callback with it.
        const csrf = await get("/api/auth/csrf");
        const token = csrf.status === 200 ? ((await csrf.json()) as { csrfToken: string }).csrfToken : "";
        const cookie = csrf.headers
          .getSetCookie()
          .map((c) => c.slice(0, c.indexOf(";")))
          .join("; ");
        const body = new FormData();
        for (const [name, value] of Object.entries({ csrfToken: token, email: user.email, password, json: "true" }))
          body.append(name, value);
        return post("/api/auth/callback/credentials", body, { cookie, headers: freshClientHeader() });
      };
      for (let guess = 0; guess < 12; guess += 1) expect((await attempt(`guess ${guess}`)).status).toBe(404);
      const right = await attempt(PASSWORD);
      expect(right.status).toBe(404);
      expect(sessionCookieFrom(right)).toBeNull();
      // The guesses went nowhere, so they did not use up the address's sign-in attempts either.
      if (role === "STAFF") expect(await opensConsole((await signIn(user.email)).cookie)).toBe(true);
    },
  );

  it("takes `_` in the address as itself: another spelling of a login's address is no way in and no fresh set of attempts", async () => {
    // Prisma's case-insensitive `equals` is an ILIKE, where `_` stands for any one character:
    // `_taff-…@example.net` signed in as `staff-…@example.net`, with attempts counted apart
    // from the address's own (10 in 15 minutes), so the address's limit stopped no one.
    const user = await createUser("STAFF");
    for (let guess = 0; guess < 10; guess += 1)
      expect((await signIn(user.email, { password: `guess ${guess}` })).cookie).toBeNull();
    const limited = await signIn(user.email);
    expect(limited.cookie).toBeNull();
    expect(await limited.response.text()).toContain("Too many sign-in attempts");
    for (const variant of [`_${user.email.slice(1)}`, user.email.replace("-", "_")]) {
      const { response, cookie, location } = await signIn(variant);
      expect(cookie, variant).toBeNull();
      expect(location, variant).toBeNull();
      expect(response.status, variant).toBe(200);
    }
  });

  it("counts an IPv6 client's attempts by its /64, the smallest network a client is given, not by each address in it", async () => {
    // Each guess from another address of the same /64 (a home connection has 2^64 of them)
    // began a fresh set of the per-client attempts (30 in 15 minutes).
    const network = `2001:db8:${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}`;
    const attempt = async (host: number, email: string, password = PASSWORD) => {
      const response = await postPageForm(
        "/sign-in",
        "Sign in",
        { email, password },
        { headers: { "x-forwarded-for": `${network}::${host.toString(16)}` } },
      );
      return { cookie: sessionCookieFrom(response), text: response.status === 200 ? await response.text() : "" };
    };
    // Addresses nobody uses, one each, so that only the per-client limit counts.
    for (let guess = 1; guess <= 30; guess += 1) {
      const { text } = await attempt(guess, `nobody-${randomBytes(4).toString("hex")}@example.net`, `guess ${guess}`);
      expect(text, `guess ${guess}`).not.toContain("Too many sign-in attempts");
    }
    const user = await createUser("STAFF");
    const next = await attempt(31, user.email);
    expect(next.cookie).toBeNull();
    expect(next.text).toContain("Too many sign-in attempts");
    // Another network is another client.
    const other = await postPageForm(
      "/sign-in",
      "Sign in",
      { email: user.email, password: PASSWORD },
      { headers: { "x-forwarded-for": `2001:db8:ffff:${randomBytes(2).toString("hex")}::1` } },
    );
    expect(sessionCookieFrom(other)).not.toBeNull();
  });
});

describe("where sign-in leads", () => {
  const HOSTILE = [
    "/staff/../..//evil.example",
    "/staff/..%2F..%2F%2Fevil.example",
    "/staff/..\\..\\\\evil.example",
    "/\\evil.example/staff",
    "//evil.example/staff",
    "/\t/evil.example/staff",
    "/staff\n/../..//evil.example",
    "\n//evil.example",
    "https://evil.example/staff",
    "http://127.0.0.1@evil.example/staff",
    "javascript:alert(document.domain)//staff",
    "/%2F%2Fevil.example",
    "/staff/%5C%5Cevil.example",
    "/account",
  ];

  it("sends staff to the console whatever else the sign-in link asks for", async () => {
    const { cookie } = await staffSession();
    for (const next of HOSTILE) {
      // Signed in already: the sign-in page redirects at once.
      const response = await get(`/sign-in?${new URLSearchParams({ next })}`, { cookie });
      expect(response.status, JSON.stringify(next)).toBe(307);
      expect(response.headers.get("location"), JSON.stringify(next)).toBe("/staff");
      // Signed out: the form carries no return address that leaves the app.
      const form = hiddenFields(await (await get(`/sign-in?${new URLSearchParams({ next })}`)).text(), "Sign in");
      const carried = form.find(([name]) => name === "next")?.[1];
      expect(carried, JSON.stringify(next)).toBe(next === "/account" ? "/account" : "");
    }
  });

  it("redirects a sign-in only to a same-origin staff path, after normalising it", async () => {
    for (const next of HOSTILE.slice(0, 7)) {
      const user = await createUser("STAFF");
      const { response, location } = await signIn(user.email, { next });
      expect(response.status, JSON.stringify(next)).toBe(303);
      expect(location, JSON.stringify(next)).toBe("/staff");
    }
    // A forged form post with its own `next` field is held to the same rule.
    const forged = await createUser("STAFF");
    const response = await postPageForm(
      "/sign-in",
      "Sign in",
      { email: forged.email, password: PASSWORD, next: "/staff/../..//evil.example" },
      { headers: freshClientHeader() },
    );
    expect(response.headers.get("location")).toBe("/staff");
    const { location } = await signIn((await createUser("STAFF")).email, {
      next: "/staff/./reports/../reports/1ec5d310c951ebd54d84?tab=cases",
    });
    expect(location).toBe("/staff/reports/1ec5d310c951ebd54d84?tab=cases");
  });
});

describe("ending sessions", () => {
  it("signs out with a POST that ends the session everywhere: the old cookie, replayed, is refused", async () => {
    const { user, cookie } = await staffSession();
    const second = (await signIn(user.email)).cookie; // the same user in another browser
    expect(await opensConsole(cookie)).toBe(true);
    expect(await opensConsole(second)).toBe(true);

    const signOut = await postPageForm("/staff", "Sign out", {}, { cookie });
    expect(signOut.status).toBe(303);
    expect(signOut.headers.get("location")).toBe("/sign-in");
    expect(
      signOut.headers
        .getSetCookie()
        .some((c) => /^next-auth\.session-token=;/.test(c) && /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c)),
    ).toBe(true);

    expect(await opensConsole(cookie)).toBe(false);
    expect(await opensConsole(second)).toBe(false);
    const { block } = await createReport({ reason: "SPAM" });
    const lift = await callFormAction(
      `/staff/reports/${block.publicId}`,
      "liftBlockAction",
      { publicId: block.publicId, reason: "Replayed cookie after sign-out." },
      { cookie },
    );
    expect(await lift.text()).toContain(REFUSED_ACTION);
    expect((await storedFor(block.id, block.publicId)).status).toBe("ACTIVE");
  });

  it("does not sign out on a post from another site", async () => {
    const { cookie } = await staffSession();
    const response = await postPageForm("/staff", "Sign out", {}, { cookie, origin: "https://evil.example" });
    expect(response.status).not.toBe(303);
    expect(await opensConsole(cookie)).toBe(true);
  });

  it("refuses every session of a user whose sessions were ended, whose password changed, or who was disabled", async () => {
    const { endAllSessions, changePassword, disableUser } = await sessionsModule();
    const ended = await staffSession();
    const changed = await staffSession();
    const disabled = await staffSession();
    for (const { cookie } of [ended, changed, disabled]) expect(await opensConsole(cookie)).toBe(true);

    await endAllSessions(ended.user.id);
    await changePassword(changed.user.id, "a brand new password");
    await disableUser(disabled.user.id);
    for (const { cookie } of [ended, changed, disabled]) expect(await opensConsole(cookie)).toBe(false);

    // A disabled user cannot sign in again; the others can, with their current password.
    const again = await signIn(disabled.user.email);
    expect(again.cookie).toBeNull();
    expect(await again.response.text()).toContain("do not match a login");
    expect(await opensConsole((await signIn(ended.user.email)).cookie)).toBe(true);
    expect((await signIn(changed.user.email)).cookie).toBeNull();
    expect(await opensConsole((await signIn(changed.user.email, { password: "a brand new password" })).cookie)).toBe(
      true,
    );
  });

  it("refuses a disabled staff member's actions at once, even in the data layer", async () => {
    const { disableUser } = await sessionsModule();
    const { user, cookie } = await staffSession();
    const { block } = await createReport({ reason: "SPAM" });
    await disableUser(user.id);
    const response = await callFormAction(
      `/staff/reports/${block.publicId}`,
      "liftBlockAction",
      { publicId: block.publicId, reason: "Lifted by a disabled reviewer." },
      { cookie },
    );
    expect(await response.text()).toContain(REFUSED_ACTION);
    const { liftBlockAsStaff } = await import("@/lib/data/staff");
    await expect(
      liftBlockAsStaff({
        staffId: user.id,
        publicId: block.publicId,
        fields: { reason: "Lifted by a disabled reviewer." },
      }),
    ).rejects.toThrow(/Only compliance staff/);
    expect((await storedFor(block.id, block.publicId)).status).toBe("ACTIVE");
  });
});

describe("an account owner's session in the staff console", () => {
  const appLog = () => readFile(inject("appLogPath"), "utf8");

  it("is sent to sign in, as a signed-out visitor is, on pages and RSC requests", async () => {
    const owner = await sessionOf(await createUser("OWNER"));
    const logBefore = (await appLog()).length;
    for (const path of ["/staff", "/staff/reports/1ec5d310c951ebd54d84", "/staff/reports/not-a-report"]) {
      const signedOut = await get(path);
      const asOwner = await get(path, { cookie: owner });
      expect(signedOut.status, path).toBe(307);
      expect(asOwner.status, path).toBe(307);
      expect(asOwner.headers.get("location"), path).toBe(signedOut.headers.get("location"));
      expect(asOwner.headers.get("location"), path).toBe(`/sign-in?${new URLSearchParams({ next: path })}`);

      // A client-side navigation: the RSC payload redirects to sign-in too (redirects followed, as the router does).
      const rsc = { RSC: "1" };
      const rscSignedOut = await fetch(`${baseUrl()}${path}`, { headers: rsc });
      const rscOwner = await fetch(`${baseUrl()}${path}`, { headers: { ...rsc, cookie: owner } });
      expect(rscOwner.status, path).toBe(200);
      expect(rscOwner.headers.get("content-type"), path).toMatch(/text\/x-component/);
      const redirect = /NEXT_REDIRECT;[a-z]+;([^;]+);/.exec(await rscOwner.text())?.[1];
      expect(redirect, path).toBe(/NEXT_REDIRECT;[a-z]+;([^;]+);/.exec(await rscSignedOut.text())?.[1]);
      expect(redirect, path).toBe(`/sign-in?${new URLSearchParams({ next: path })}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await appLog()).slice(logBefore)).not.toMatch(/FORBIDDEN|⨯|\n\s+at /);
  });

  it("has the staff actions, posted directly by id with or without JavaScript, refused without an error", async () => {
    const owner = await sessionOf(await createUser("OWNER"));
    const { block } = await createReport({ reason: "ABUSE" });
    const reference = await createOpenAppeal(block);
    const page = `/staff/reports/${block.publicId}`;
    const calls: [string, Record<string, string>][] = [
      ["liftBlockAction", { publicId: block.publicId, reason: "An owner lifting their own block." }],
      ["decideAppealAction", { reference, decision: "approve", text: "An owner approving their own request." }],
      ["closeCaseAction", { reference: "C-0000", note: "An owner closing a case." }],
    ];
    const logBefore = (await appLog()).length;
    for (const [action, fields] of calls) {
      const direct = await callFormAction(page, action, fields, { cookie: owner });
      expect(direct.status, action).toBe(200);
      expect(await direct.text(), action).toContain(REFUSED_ACTION);
      const form = await postFormAction(page, action, fields, { cookie: owner });
      expect(form.status, action).toBeLessThan(500);
      expect(await form.text(), action).not.toMatch(
        /lifted\. The relay is told|approved and the block lifted|closed\./,
      );
    }
    const stored = await storedFor(block.id, block.publicId);
    expect(stored.status).toBe("UNDER_REVIEW");
    expect(stored.appeals[0]!.status).toBe("OPEN");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await appLog()).slice(logBefore)).not.toMatch(/FORBIDDEN|⨯|\n\s+at /);
  });
});
