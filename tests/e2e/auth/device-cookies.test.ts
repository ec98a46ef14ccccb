import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromiumAvailable, launchBrowser, openPage } from "../../support/browser";
import { get, postPageForm, sessionCookieFrom } from "../../support/http-session";
import { completeSignIn, freshClientHeader, submitSignIn } from "../../support/sign-in";

/*
 * The lockout an attacker can set off (10 wrong passwords for an address, from anywhere,
 * lock it for 15 minutes) against the device cookies that keep it from shutting out the
 * user's own browser (OWASP's "device cookies"; lib/auth/device-cookie.ts), through plain
 * HTTP as an attacker has it: every attempt from a client address of its own, so that only
 * the address's limit and the device cookie's decide.
 */

const PASSWORD = "a password for the device cookie tests";
const WRONG = "That email address and password do not match a login.";
const LIMITED = "Too many sign-in attempts. Try again in";
const DEVICE_COOKIE = "block-reports.device";

async function appDb() {
  process.env.DATABASE_URL = inject("appDatabaseUrl");
  return (await import("@/lib/db/client")).getDb();
}

async function createStaff() {
  return (await appDb()).user.create({
    data: {
      email: `device-${randomBytes(4).toString("hex")}@example.net`,
      name: "Device cookie staff",
      role: "STAFF",
      passwordHash: await bcrypt.hash(PASSWORD, 4),
    },
  });
}

/** The device cookie's Set-Cookie header in a response, or undefined. */
const deviceSetCookie = (response: Response) =>
  response.headers.getSetCookie().find((c) => c.startsWith(`${DEVICE_COOKIE}=`));

/** `name=value` of the device cookie a response sets, or null. */
function deviceCookieFrom(response: Response): string | null {
  const header = deviceSetCookie(response);
  return header ? header.slice(0, header.indexOf(";")) : null;
}

type Outcome = "signed in" | "wrong" | "limited";

/**
 * One attempt through the sign-in page's form, from a client address of its own unless
 * `from` names one (the X-Forwarded-For header), with the device cookie `device`
 * (`name=value`) or none. What the page answered (and its text, for a refusal), and its cookies.
 */
async function attempt(
  email: string,
  password: string,
  device: string | null = null,
  from: Record<string, string> = freshClientHeader(),
) {
  const response = await postPageForm("/sign-in", "Sign in", { email, password }, { cookie: device, headers: from });
  const session = sessionCookieFrom(response);
  let outcome: Outcome;
  let message = "";
  let text = "";
  if (response.status === 303 && session) outcome = "signed in";
  else {
    expect(response.status).toBe(200);
    expect(session).toBeNull();
    text = await response.text();
    message = text.includes(LIMITED) ? LIMITED : text.includes(WRONG) ? WRONG : "";
    expect(message, "the page says why").not.toBe("");
    outcome = message === LIMITED ? "limited" : "wrong";
  }
  return { outcome, response, text, session, device: deviceCookieFrom(response) };
}

/**
 * Locks the address for clients without its device cookie: wrong passwords, each from
 * elsewhere, until the page says so — at the 11th attempt in 15 minutes at the latest.
 */
async function lockOut(email: string) {
  for (let guess = 0; guess <= 10; guess += 1) {
    const { outcome } = await attempt(email, `attacker's guess ${guess}`);
    if (outcome === "limited") return;
    expect(outcome, `guess ${guess}`).toBe("wrong");
  }
  throw new Error(`${email} was not locked after 11 attempts`);
}

/** Whether a session cookie opens the console. */
async function opensConsole(session: string | null) {
  const response = await get("/staff", { cookie: session });
  return response.status === 200 && (await response.text()).includes("Review queue");
}

/** A browser that signed in to the login before: its device cookie. */
async function knownBrowser(email: string) {
  const first = await attempt(email, PASSWORD);
  expect(first.outcome).toBe("signed in");
  expect(first.device).not.toBeNull();
  return first.device!;
}

describe("device cookies against the sign-in lockout", () => {
  it("gives a browser that signs in a long-lived, HttpOnly, SameSite=Lax device cookie for the sign-in page", async () => {
    const user = await createStaff();
    const { response } = await attempt(user.email, PASSWORD);
    const header = deviceSetCookie(response)!;
    expect(header).toBeDefined();
    const attributes = header.split(";").map((a) => a.trim().toLowerCase());
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("path=/sign-in");
    expect(attributes).toContain(`max-age=${365 * 24 * 60 * 60}`);
    // The tests serve the app over http (NEXTAUTH_URL), as the session cookie: not Secure there.
    expect(attributes).not.toContain("secure");
    // No cookie for a failed attempt.
    expect(deviceSetCookie((await attempt(user.email, "a wrong password")).response)).toBeUndefined();
  });

  it("lets the user's own browser sign in while an attacker keeps the login locked, and keeps everyone else out", async () => {
    const user = await createStaff();
    const device = await knownBrowser(user.email);

    // The attacker, who knows only the address, locks it.
    await lockOut(user.email);

    // A browser without the cookie is refused even with the right password, as a locked
    // address is today — and as an address no login uses, after as many attempts.
    const fresh = await attempt(user.email, PASSWORD);
    expect(fresh.outcome).toBe("limited");
    expect(fresh.device).toBeNull();
    const nobody = `nobody-${randomBytes(4).toString("hex")}@example.net`;
    await lockOut(nobody);
    const unknown = await attempt(nobody, PASSWORD);
    expect(unknown.outcome).toBe("limited");
    expect(unknown.response.status).toBe(fresh.response.status);

    // The user's browser: a typo is only a typo, and the right password signs in.
    expect((await attempt(user.email, "a typo", device)).outcome).toBe("wrong");
    const own = await attempt(user.email, PASSWORD, device);
    expect(own.outcome).toBe("signed in");
    expect(own.response.headers.get("location")).toBe("/staff");
    expect(await opensConsole(own.session)).toBe(true);
    // It keeps a device cookie (renewed), and the lockout still holds for everyone else.
    expect(own.device).not.toBeNull();
    expect((await attempt(user.email, PASSWORD, own.device)).outcome).toBe("signed in");
    expect((await attempt(user.email, PASSWORD)).outcome).toBe("limited");
  });

  it("limits wrong passwords with a stolen device cookie to its own few, without touching the address's count", async () => {
    const user = await createStaff();
    const stolen = await knownBrowser(user.email);
    for (let guess = 0; guess < 5; guess += 1)
      expect((await attempt(user.email, `thief's guess ${guess}`, stolen)).outcome, `guess ${guess}`).toBe("wrong");
    // Past its five failures the cookie is refused, whatever the password.
    expect((await attempt(user.email, `thief's guess 5`, stolen)).outcome).toBe("limited");
    expect((await attempt(user.email, PASSWORD, stolen)).outcome).toBe("limited");
    // Those guesses were not the address's: a browser without the cookie signs in.
    expect((await attempt(user.email, PASSWORD)).outcome).toBe("signed in");
    // And the right password with a good cookie does not count as a failure: five sign-ins
    // and four typos later, a fresh known browser still gets in.
    const own = await knownBrowser(user.email);
    for (let round = 0; round < 4; round += 1) {
      expect((await attempt(user.email, PASSWORD, own)).outcome).toBe("signed in");
      expect((await attempt(user.email, `typo ${round}`, own)).outcome).toBe("wrong");
    }
    expect((await attempt(user.email, PASSWORD, own)).outcome).toBe("signed in");
  });

  it("keeps a browser known for each login it signs in to, up to three, so one sign-in does not forget another", async () => {
    const [first, second, third, fourth] = await Promise.all([
      createStaff(),
      createStaff(),
      createStaff(),
      createStaff(),
    ]);
    // One browser: each sign-in sends the cookie the one before it set.
    let device = await knownBrowser(first.email);
    const toSecond = await attempt(second.email, PASSWORD, device);
    expect(toSecond.outcome).toBe("signed in");
    device = toSecond.device!;
    // The attacker locks the first login; the browser, last signed in to the second, still gets in to both.
    await lockOut(first.email);
    expect((await attempt(first.email, PASSWORD)).outcome).toBe("limited");
    const again = await attempt(first.email, PASSWORD, device);
    expect(again.outcome).toBe("signed in");
    device = again.device!;
    await lockOut(second.email);
    const secondAgain = await attempt(second.email, PASSWORD, device);
    expect(secondAgain.outcome).toBe("signed in");
    device = secondAgain.device!;
    // Two more logins: the one signed in to longest ago (the first) is forgotten.
    for (const user of [third, fourth]) {
      const next = await attempt(user.email, PASSWORD, device);
      expect(next.outcome).toBe("signed in");
      device = next.device!;
    }
    expect((await attempt(first.email, PASSWORD, device)).outcome).toBe("limited");
    expect((await attempt(second.email, PASSWORD, device)).outcome).toBe("signed in");
  });

  it("trusts no cookie of another login, no forged one, and none issued before a password change or a disabling", async () => {
    await appDb();
    const { changePassword, disableUser } = await import("@/lib/data/users/sessions");
    const other = await knownBrowser((await createStaff()).email);
    const [value] = other.split("=").slice(1);
    const parts = value!.split(".");
    const forged = `${DEVICE_COOKIE}=${[...parts.slice(0, 4), "A".repeat(43)].join(".")}`;

    const changed = await createStaff();
    const beforeChange = await knownBrowser(changed.email);
    await changePassword(changed.id, `${PASSWORD} (new)`);

    const disabled = await createStaff();
    const beforeDisabling = await knownBrowser(disabled.email);
    await disableUser(disabled.id);
    await (await appDb()).user.update({ where: { id: disabled.id }, data: { disabledAt: null } }); // enabled again

    const cases: [string, string, string][] = [
      ["another login's cookie", (await createStaff()).email, other],
      ["a forged cookie", (await createStaff()).email, forged],
      ["a cookie from before the password change", changed.email, beforeChange],
      ["a cookie from before the login was disabled", disabled.email, beforeDisabling],
    ];
    for (const [what, email, cookie] of cases) {
      await lockOut(email);
      const password = email === changed.email ? `${PASSWORD} (new)` : PASSWORD;
      expect((await attempt(email, password, cookie)).outcome, what).toBe("limited");
    }
  });
});

/** A device cookie of the login `device` is for, with its HMAC replaced: the app never issued it. */
function forge(device: string) {
  const parts = device.slice(device.indexOf("=") + 1).split(".");
  return `${DEVICE_COOKIE}=${[...parts.slice(0, 4), "A".repeat(43)].join(".")}`;
}

/*
 * The per-client limit (30 attempts in 15 minutes from one client: one IPv4 address, or an
 * IPv6 /64) against the same device cookies: an attacker behind the same NAT or in the same
 * /64 as a staff member could use it up and keep everyone there out, browsers that signed
 * in before included. Each case gives the attacker and the user's browser addresses of one
 * client, and the user's browser its device cookie first from somewhere else.
 */
const SHARED_CLIENTS: [string, () => (host: number) => Record<string, string>][] = [
  [
    "behind one IPv4 NAT address",
    () => {
      const address = `198.18.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
      return () => ({ "x-forwarded-for": address });
    },
  ],
  [
    "in one IPv6 /64",
    () => {
      const network = `2001:db8:${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}`;
      return (host: number) => ({ "x-forwarded-for": `${network}::${(host + 1).toString(16)}` });
    },
  ],
];

/**
 * Wrong passwords for addresses nobody uses (one each, so that no address's limit counts),
 * each from another host of the client: how many were answered "wrong" before the first "limited".
 */
async function exhaustClient(from: (host: number) => Record<string, string>) {
  for (let guess = 1; guess <= 40; guess += 1) {
    const nobody = `nobody-${randomBytes(4).toString("hex")}@example.net`;
    const { outcome } = await attempt(nobody, `attacker's guess ${guess}`, null, from(1000 + guess));
    if (outcome === "limited") return guess - 1;
    expect(outcome, `guess ${guess}`).toBe("wrong");
  }
  throw new Error("the client was not limited after 40 attempts");
}

describe("device cookies against the per-client limit", () => {
  it.each(SHARED_CLIENTS)(
    "%s: a known browser's attempts neither count in the client's limit nor are stopped by it, and only its own",
    async (_where, network) => {
      const from = network();
      const user = await createStaff();
      const device = await knownBrowser(user.email); // signed in before, from elsewhere

      // The user's browser, from the shared client: sign-ins and a typo, none of them counted.
      for (let round = 0; round < 3; round += 1) {
        expect((await attempt(user.email, PASSWORD, device, from(1))).outcome).toBe("signed in");
        expect((await attempt(user.email, `typo ${round}`, device, from(1))).outcome).toBe("wrong");
      }
      // The attacker gets exactly the client's 30 attempts: none of the six above were among them.
      expect(await exhaustClient(from)).toBe(30);

      // Now every other browser there is refused, with the wait, even with the right password…
      const fresh = await attempt(user.email, PASSWORD, null, from(2));
      expect(fresh.outcome).toBe("limited");
      expect(fresh.text).toMatch(/Too many sign-in attempts\. Try again in \d+ (minutes|seconds)\./);
      expect(fresh.session).toBeNull();
      // …but the user's own browser signs in (a typo is still only a typo) and opens the console.
      expect((await attempt(user.email, "one more typo", device, from(1))).outcome).toBe("wrong");
      const own = await attempt(user.email, PASSWORD, device, from(1));
      expect(own.outcome).toBe("signed in");
      expect(await opensConsole(own.session)).toBe(true);
      // Its renewed cookie is as good, and the client stays limited for everyone else.
      expect((await attempt(user.email, PASSWORD, own.device, from(3))).outcome).toBe("signed in");
      expect((await attempt(user.email, PASSWORD, null, from(3))).outcome).toBe("limited");
    },
  );

  it.each(SHARED_CLIENTS)(
    "%s: a forged cookie, another login's and an outdated one get past no used-up client limit",
    async (_where, network) => {
      await appDb();
      const { changePassword } = await import("@/lib/data/users/sessions");
      const from = network();
      const user = await createStaff();
      const own = await knownBrowser(user.email);
      const others = await knownBrowser((await createStaff()).email);
      const changed = await createStaff();
      const outdated = await knownBrowser(changed.email);
      await changePassword(changed.id, `${PASSWORD} (new)`);
      await exhaustClient(from);

      const cases: [string, string, string, string][] = [
        ["a forged cookie", user.email, PASSWORD, forge(own)],
        ["another login's cookie", user.email, PASSWORD, others],
        ["a cookie from before the password change", changed.email, `${PASSWORD} (new)`, outdated],
      ];
      for (const [what, email, password, cookie] of cases) {
        const refused = await attempt(email, password, cookie, from(4));
        expect(refused.outcome, what).toBe("limited");
        expect(refused.session, what).toBeNull();
        // The refusal was the client's: from another client the same attempt signs in.
        expect((await attempt(email, password, cookie)).outcome, `${what}, elsewhere`).toBe("signed in");
      }
      // The genuine cookie, for contrast, from the limited client.
      expect((await attempt(user.email, PASSWORD, own, from(4))).outcome).toBe("signed in");
    },
  );
});

/** The rows of the audit log an admin sees for `actor`, newest first, as text ("When | Who | What | On | Why | From"). */
async function auditRows(adminSession: string, actor: string) {
  const response = await get(`/staff/audit?${new URLSearchParams({ actor })}`, { cookie: adminSession });
  expect(response.status).toBe(200);
  const html = await response.text();
  const body = html.slice(html.indexOf("<tbody"), html.indexOf("</tbody>"));
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => cell[1]!.replace(/<[^>]*>/g, "").trim()),
  );
}

describe("known browsers in the audit log", () => {
  it("marks sign-in attempts with a valid device cookie 'known browser', in the row's data and on /staff/audit", async () => {
    const db = await appDb();
    const user = await createStaff();
    const device = await knownBrowser(user.email); // no cookie yet: not a known browser
    expect((await attempt(user.email, "a typo", device)).outcome).toBe("wrong");
    expect((await attempt(user.email, PASSWORD, device)).outcome).toBe("signed in");
    expect((await attempt(user.email, PASSWORD, forge(device))).outcome).toBe("signed in"); // forged: not known

    const rows = await db.staffAudit.findMany({
      where: { actorEmail: user.email },
      orderBy: { id: "asc" },
      select: { action: true, data: true },
    });
    expect(rows).toEqual([
      { action: "SIGN_IN", data: {} },
      { action: "SIGN_IN_FAILED", data: { detail: "known browser", knownBrowser: true } },
      { action: "SIGN_IN", data: { detail: "known browser", knownBrowser: true } },
      { action: "SIGN_IN", data: {} },
    ]);

    const admin = await db.user.create({
      data: {
        email: `audit-admin-${randomBytes(4).toString("hex")}@example.net`,
        name: "Audit admin",
        role: "ADMIN",
        passwordHash: await bcrypt.hash(PASSWORD, 4),
      },
    });
    const { session } = await attempt(admin.email, PASSWORD);
    expect(session).not.toBeNull();
    const shown = await auditRows(session!, user.email);
    expect(shown.map((cells) => cells[2])).toEqual([
      "Signed in",
      "Signed in: known browser",
      "Sign-in failed: known browser",
      "Signed in",
    ]);
    expect(shown[2]![4]).toBe("wrong email or password");
  });
});

describe.runIf(chromiumAvailable())("device cookies in the browser", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it("signs the user in again from the browser they signed out of, while the attacker's lockout holds for a new one", async () => {
    const user = await createStaff();
    const page = await openPage(browser, { extraHTTPHeaders: freshClientHeader() });
    await page.goto("/sign-in");
    await completeSignIn(page, user.email, PASSWORD);
    await page.getByRole("heading", { name: "Review queue" }).waitFor();
    const device = (await page.context().cookies()).find((c) => c.name === DEVICE_COOKIE);
    expect(device).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/sign-in" });
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((url) => url.pathname === "/sign-in");

    await lockOut(user.email);

    const stranger = await openPage(browser, { extraHTTPHeaders: freshClientHeader() });
    await stranger.goto("/sign-in");
    await submitSignIn(stranger, user.email, PASSWORD);
    await stranger.getByText(LIMITED).waitFor();
    expect(new URL(stranger.url()).pathname).toBe("/sign-in");

    await completeSignIn(page, user.email, PASSWORD);
    await page.getByRole("heading", { name: "Review queue" }).waitFor();
    await Promise.all([page.context().close(), stranger.context().close()]);
  });
});
