import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, signInWithSingleSignOn, SIGN_IN_LIMITS } from "@/lib/auth/sign-in";
import { createSingleSignOn, type SingleSignOn } from "@/lib/auth/single-sign-on";
import { inviteUser } from "@/lib/data/users/invitations";
import { setUserDisabled } from "@/lib/data/users/manage-users";
import { isLiveOneTimeLink } from "@/lib/data/users/one-time-links";
import { linkSingleSignOnSubject } from "@/lib/data/users/verify-credentials";
import { getDb } from "@/lib/db/client";
import { signInAtProvider, startOidcProvider, type TestProvider } from "../../support/oidc-provider";
import { createUser } from "./staff-support";

// Single sign-on end to end in this process: the app's own OpenID Connect client
// (lib/auth/single-sign-on.ts, openid-client) against a real provider (oidc-provider) on
// loopback, and the sign-in rules (lib/auth/sign-in.ts) judging what it proved.

const REDIRECT_URI = "http://127.0.0.1:9/sign-in/sso/callback";
const suffix = randomBytes(4).toString("hex");
const address = (label: string) => `sso-${label}-${suffix}@example.net`;

let provider: TestProvider;
let sso: SingleSignOn;
const users: Record<string, { id: string; email: string; sessionVersion: number }> = {};

beforeAll(async () => {
  const staff = await createUser("STAFF");
  const admin = await createUser("ADMIN");
  const owner = await createUser("OWNER");
  const disabled = await createUser("STAFF");
  const unverified = await createUser("STAFF");
  await getDb().user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
  // An admin whose address has the letters PostgreSQL folds non-ASCII ones onto (i, k).
  const kiosk = await getDb().user.update({
    where: { id: (await createUser("ADMIN")).id },
    data: { email: `kiosk-admin-${suffix}@example.net` },
  });
  const recycled = await createUser("STAFF");
  Object.assign(users, { staff, admin, owner, disabled, unverified, kiosk, recycled });
  provider = await startOidcProvider({
    redirectUri: REDIRECT_URI,
    accounts: {
      staff: { email: staff.email.toUpperCase(), email_verified: true },
      admin: { email: admin.email, email_verified: true },
      owner: { email: owner.email, email_verified: true },
      disabled: { email: disabled.email, email_verified: true },
      unverified: { email: unverified.email, email_verified: false },
      unknown: { email: address("unknown"), email_verified: true },
      invited: { email: address("invited"), email_verified: true },
      expired: { email: address("expired"), email_verified: true },
      // Look-alikes of the kiosk admin's address: a dotted capital I (lower('İ') = 'i' in
      // PostgreSQL), the Kelvin sign (lower('K') = 'k'), a no-break space after it (trim()
      // removes it), ordinary spaces around it.
      dotted: { email: `k\u0130osk-admin-${suffix}@example.net`, email_verified: true },
      kelvin: { email: `\u212Aiosk-admin-${suffix}@example.net`, email_verified: true },
      nbsp: { email: `kiosk-admin-${suffix}@example.net\u00a0`, email_verified: true },
      spaced: { email: ` kiosk-admin-${suffix}@example.net `, email_verified: true },
      kiosk: { email: `KIOSK-admin-${suffix}@example.net`, email_verified: true },
      // One address, two people at the provider (their `sub` is their login there): a leaver's
      // address handed to a newcomer.
      leaver: { email: recycled.email, email_verified: true },
      newcomer: { email: recycled.email, email_verified: true },
    },
  });
  sso = createSingleSignOn({
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    redirectUri: REDIRECT_URI,
    secret: "an integration-test secret of 32+ characters",
  });
});

afterAll(async () => provider?.close());

/** One sign-in as `login` at the provider, from `client`, judged by the app. */
async function attempt(login: string, { client = randomUUID(), next = "" } = {}) {
  const { authorizationUrl, flow } = await sso.begin(next);
  const callback = await signInAtProvider(authorizationUrl, login);
  const outcome = await sso.complete(callback.search, flow);
  return signInWithSingleSignOn({ outcome, client });
}

const lastAudit = async (client: string) =>
  getDb().staffAudit.findFirstOrThrow({ where: { client }, orderBy: { id: "desc" } });

describe("single sign-on against a real OpenID provider", () => {
  it("asks for the code flow with PKCE (S256), state and nonce, and keeps them out of the URL's reach", async () => {
    const { authorizationUrl, flow } = await sso.begin("/staff/metrics");
    const url = new URL(authorizationUrl);
    expect(url.origin).toBe(provider.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: "code",
      client_id: provider.clientId,
      redirect_uri: REDIRECT_URI,
      code_challenge_method: "S256",
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      state: expect.any(String),
      nonce: expect.any(String),
      scope: "openid email profile",
    });
    // The verifier, state and nonce travel in an encrypted cookie, not readable text.
    expect(flow).not.toContain(url.searchParams.get("state")!);
    expect(flow.split(".")).toHaveLength(5);
  });

  it("signs in staff and admins with a verified address (any case), with the session a password gives, audited", async () => {
    const client = randomUUID();
    const result = await attempt("staff", { client, next: "/staff/metrics" });
    expect(result).toMatchObject({ ok: true, landing: "/staff/metrics", user: { id: users.staff!.id } });
    if (!result.ok) throw new Error("refused");
    const row = await getDb().user.findUniqueOrThrow({ where: { id: users.staff!.id } });
    expect(result.user.sessionVersion).toBe(row.sessionVersion);
    expect(await lastAudit(client)).toMatchObject({
      action: "SIGN_IN",
      actorId: users.staff!.id,
      data: { detail: "single sign-on" },
    });
    // `next` outside the console, or on another site, lands on /staff.
    expect(await attempt("admin", { next: "https://evil.example/staff" })).toMatchObject({
      ok: true,
      landing: "/staff",
      user: { id: users.admin!.id },
    });
  });

  for (const [login, reason, audited] of [
    ["unverified", "unverified", "single sign-on: email address not verified"],
    ["unknown", "unknown", "single sign-on: no login uses this address"],
    ["owner", "not-staff", "single sign-on: not a staff login"],
    ["disabled", "disabled", "single sign-on: login disabled"],
  ] as const) {
    it(`refuses ${login}: ${reason}, audited`, async () => {
      const client = randomUUID();
      expect(await attempt(login, { client })).toEqual({ ok: false, reason });
      expect(await lastAudit(client)).toMatchObject({
        action: "SIGN_IN_FAILED",
        reason: audited,
        data: { detail: "single sign-on" },
      });
    });
  }

  it("refuses an answer whose state was changed, one without its flow cookie, another flow's cookie, and a replayed code", async () => {
    const first = await sso.begin("");
    const callback = await signInAtProvider(first.authorizationUrl, "staff");
    const tampered = new URL(callback);
    tampered.searchParams.set("state", "forged-state");
    const other = await sso.begin("");
    for (const [search, flow] of [
      [tampered.search, first.flow],
      [callback.search, undefined],
      [callback.search, other.flow],
      [callback.search, `${first.flow.slice(0, -4)}AAAA`],
    ] as const) {
      expect(await sso.complete(search, flow)).toMatchObject({ ok: false, reason: "failed" });
    }
    // The untouched answer still works once (nothing above redeemed its code), then never again.
    expect(await sso.complete(callback.search, first.flow)).toMatchObject({ ok: true });
    expect(await sso.complete(callback.search, first.flow)).toMatchObject({ ok: false, reason: "failed" });

    const client = randomUUID();
    expect(await signInWithSingleSignOn({ outcome: await sso.complete(tampered.search, first.flow), client })).toEqual({
      ok: false,
      reason: "failed",
    });
    expect(await lastAudit(client)).toMatchObject({
      action: "SIGN_IN_FAILED",
      reason: "single sign-on: the provider's answer failed its checks",
    });
  });

  it("an invited staff member signing in this way has accepted the invitation: its link stops working", async () => {
    const { id } = await inviteUser({
      adminId: users.admin!.id,
      fields: { email: address("invited"), name: "Invited by SSO", role: "STAFF", accountId: "" },
    });
    const mail = await getDb().outboxMessage.findFirstOrThrow({
      where: { topic: "mail.send", payload: { path: ["to"], equals: address("invited") } },
    });
    const token = (mail.payload as { data: { token: string } }).data.token;
    expect(await attempt("invited")).toMatchObject({ ok: true, user: { id } });
    expect((await getDb().user.findUniqueOrThrow({ where: { id } })).invitationAcceptedAt).not.toBeNull();
    expect(await isLiveOneTimeLink(token, "INVITATION")).toBe(false);
    expect(
      (await getDb().staffAudit.findMany({ where: { target: address("invited") }, orderBy: { id: "asc" } })).map(
        (entry) => entry.action,
      ),
    ).toEqual(["USER_INVITED", "INVITATION_ACCEPTED"]);
  });

  it("matches the provider's address to a login ignoring ASCII case only: look-alikes are nobody", async () => {
    expect(await attempt("kiosk")).toMatchObject({ ok: true, user: { id: users.kiosk!.id } });
    for (const login of ["dotted", "kelvin", "nbsp", "spaced"]) {
      const client = randomUUID();
      expect(await attempt(login, { client }), login).toEqual({ ok: false, reason: "unknown" });
      expect(await lastAudit(client)).toMatchObject({
        action: "SIGN_IN_FAILED",
        actorId: null,
        reason: "single sign-on: no login uses this address",
      });
    }
  });

  it("links a login to the first provider identity that signs in to it: an address handed to someone else there opens nothing", async () => {
    const recycled = users.recycled!;
    expect(await attempt("leaver")).toMatchObject({ ok: true, user: { id: recycled.id } });
    expect(await getDb().user.findUniqueOrThrow({ where: { id: recycled.id } })).toMatchObject({
      ssoIssuer: provider.issuer,
      ssoSubject: "leaver",
    });
    const client = randomUUID();
    expect(await attempt("newcomer", { client })).toEqual({ ok: false, reason: "identity-changed" });
    expect(await lastAudit(client)).toMatchObject({
      action: "SIGN_IN_FAILED",
      actorId: recycled.id,
      reason: "single sign-on: login linked to another identity",
    });
    expect(await attempt("leaver")).toMatchObject({ ok: true });
    // An admin disables the leaver's login and enables it for the newcomer: the next single sign-on links anew.
    await setUserDisabled({ adminId: users.admin!.id, userId: recycled.id, disabled: true });
    await setUserDisabled({ adminId: users.admin!.id, userId: recycled.id, disabled: false });
    expect(await attempt("newcomer")).toMatchObject({ ok: true, user: { id: recycled.id } });
    expect(await attempt("leaver")).toEqual({ ok: false, reason: "identity-changed" });
    // One identity opens one login: the newcomer's cannot be linked to another (its address changed there).
    expect(await linkSingleSignOnSubject(users.kiosk!.id, { issuer: provider.issuer, subject: "newcomer" })).toBe(
      false,
    );
    // A new provider (OIDC_ISSUER changed) links anew.
    expect(
      await linkSingleSignOnSubject(recycled.id, { issuer: "https://login.example.com/new", subject: "someone" }),
    ).toBe(true);
  });

  it("an invitation whose link has expired is not accepted by single sign-on: refused, still pending", async () => {
    const { id } = await inviteUser({
      adminId: users.admin!.id,
      fields: { email: address("expired"), name: "Expired invitee", role: "STAFF", accountId: "" },
    });
    await getDb().oneTimeLink.updateMany({
      where: { userId: id, purpose: "INVITATION" },
      data: { expiresAt: new Date(Date.now() - 60_000) },
    });
    const client = randomUUID();
    expect(await attempt("expired", { client })).toEqual({ ok: false, reason: "invitation-expired" });
    expect((await getDb().user.findUniqueOrThrow({ where: { id } })).invitationAcceptedAt).toBeNull();
    expect(await lastAudit(client)).toMatchObject({
      action: "SIGN_IN_FAILED",
      actorId: id,
      reason: "single sign-on: invitation expired",
    });
  });

  it("a bare request to the callback (no flow started here) is refused without counting or an audit entry", async () => {
    const client = randomUUID();
    const callback = await signInAtProvider((await sso.begin("")).authorizationUrl, "staff");
    for (let i = 0; i < SIGN_IN_LIMITS.client + 5; i++) {
      const outcome = await sso.complete(i % 2 ? callback.search : "", undefined);
      expect(outcome).toMatchObject({ ok: false, started: false });
      expect(await signInWithSingleSignOn({ outcome, client })).toEqual({ ok: false, reason: "failed" });
    }
    expect(await getDb().staffAudit.count({ where: { client } })).toBe(0);
    // Nothing was used up: the people behind this address still sign in.
    expect(
      await signIn({ email: users.staff!.email, password: "correct horse battery", client, next: "" }),
    ).toMatchObject({ ok: true });
  });

  it("a sign-in that succeeds gives its attempt back: more than the limit sign in from one address", async () => {
    const client = randomUUID();
    for (let i = 0; i < SIGN_IN_LIMITS.client + 3; i++)
      expect(await attempt(i % 2 ? "staff" : "admin", { client }), `sign-in ${i + 1}`).toMatchObject({ ok: true });
  });

  it("counts in the same per-client limit as password sign-in", async () => {
    const client = randomUUID();
    for (let i = 0; i < SIGN_IN_LIMITS.client; i++)
      await signIn({ email: `nobody-${i}@example.net`, password: "wrong", client, next: "" });
    const result = await attempt("staff", { client });
    expect(result).toMatchObject({ ok: false, reason: "rate-limited" });
    expect(await lastAudit(client)).toMatchObject({ action: "SIGN_IN_FAILED", reason: "rate limited" });
    // Refused attempts go on being refused, but only the first of the window is audited.
    for (let i = 0; i < 5; i++) {
      expect(await attempt("staff", { client })).toMatchObject({ ok: false, reason: "rate-limited" });
      await signIn({ email: users.staff!.email, password: "wrong", client, next: "" });
    }
    expect(await getDb().staffAudit.count({ where: { client, reason: "rate limited" } })).toBe(1);
  });
});
