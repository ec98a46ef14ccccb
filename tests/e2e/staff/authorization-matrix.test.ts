import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { actionBody, buildServerActions } from "../../support/raw-http";
import { createCase, createOpenAppeal, createReport } from "../sender-actions/app-data";

/*
 * Who may use the compliance console, cell by cell: every page and route handler under
 * app/staff (found on disk, so a new one without a row here fails), and every server action
 * the console's pages carry (found in the build's server-reference manifest, posted
 * directly with its action id the way React's client encodes it), for five visitors:
 * anonymous, a sender holding a report link, an account owner, staff, and an admin.
 * "allow" means the page shows its content / the action changes the database; "deny"
 * means a redirect to sign-in, 401, 403 or 404 and nothing changed. Nothing may be a 5xx.
 */

type Visitor = "anonymous" | "sender" | "owner" | "staff" | "admin";
const VISITORS: Visitor[] = ["anonymous", "sender", "owner", "staff", "admin"];
const APP = path.resolve("app");
// As global-app.ts configures the e2e server.
const SECRET = "e2e-only-secret-0123456789abcdefghijklmnop";

/** app/staff/**\/page.tsx and route.ts, as repository paths. */
function consoleFiles(dir = path.join(APP, "staff")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return consoleFiles(full);
    return /^(page|route)\.(tsx?|jsx?)$/.test(entry.name) ? [path.relative(process.cwd(), full)] : [];
  });
}

interface PageRow {
  /** Who sees the content. */
  allow: Visitor[];
  /** Text only the real page shows. */
  marker: string;
  /** The method and the expected content type, for route handlers. */
  route?: { contentType: string };
}

const STAFF_AND_ADMIN: Visitor[] = ["staff", "admin"];

const PAGES: Record<string, PageRow> = {
  "app/staff/page.tsx": { allow: STAFF_AND_ADMIN, marker: "Review requests to decide" },
  "app/staff/metrics/page.tsx": { allow: STAFF_AND_ADMIN, marker: "Time to first decision" },
  "app/staff/audit/page.tsx": { allow: ["admin"], marker: "Who did what, on what, when and why" },
  "app/staff/reports/[publicId]/page.tsx": {
    allow: STAFF_AND_ADMIN,
    marker: "We stopped the campaign and removed the imported list.",
  },
  "app/staff/templates/page.tsx": { allow: ["admin"], marker: "Saved texts for approving, declining or asking" },
  "app/staff/users/page.tsx": { allow: ["admin"], marker: "Every login to the console and the owner portal" },
  "app/staff/audit/export/route.ts": {
    allow: ["admin"],
    marker: "time_utc,actor_email",
    route: { contentType: "text/csv" },
  },
};

interface ActionRow {
  allow: Visitor[] | "public";
  /** Fresh rows to act on; returns the form fields and a check of whether the action took effect. */
  setup?: () => Promise<{ fields: Record<string, string>; happened: () => Promise<boolean> }>;
}

async function appDb() {
  process.env.DATABASE_URL = inject("appDatabaseUrl");
  return (await import("@/lib/db/client")).getDb();
}

const ACTIONS: Record<string, ActionRow> = {
  "lib/actions/staff.ts#decideAppealAction": {
    allow: STAFF_AND_ADMIN,
    setup: async () => {
      const { block } = await createReport({ reason: "SPAM" });
      const reference = await createOpenAppeal(block);
      return {
        fields: { reference, decision: "ask", text: "Which list did these addresses come from?" },
        happened: async () =>
          (await (await appDb()).appeal.findUniqueOrThrow({ where: { reference } })).status === "NEEDS_INFO",
      };
    },
  },
  "lib/actions/staff.ts#liftBlockAction": {
    allow: STAFF_AND_ADMIN,
    setup: async () => {
      const { block } = await createReport({ reason: "ABUSE" });
      return {
        fields: { publicId: block.publicId, reason: "Lifted for the authorization matrix test." },
        happened: async () =>
          (await (await appDb()).block.findUniqueOrThrow({ where: { id: block.id } })).status === "LIFTED",
      };
    },
  },
  "lib/actions/staff.ts#closeCaseAction": {
    allow: STAFF_AND_ADMIN,
    setup: async () => {
      const { path: link } = await createReport({ reason: "ABUSE" });
      const reference = await createCase(link);
      return {
        fields: {
          reference,
          message: "Closed by the authorization matrix test.",
          note: "Closed by the authorization matrix test.",
        },
        happened: async () =>
          (await (await appDb()).complianceCase.findUniqueOrThrow({ where: { reference } })).status === "CLOSED",
      };
    },
  },
  "lib/actions/staff.ts#replyToCaseAction": {
    allow: STAFF_AND_ADMIN,
    setup: async () => {
      const { path: link } = await createReport({ reason: "ABUSE" });
      const reference = await createCase(link);
      return {
        fields: { reference, message: "A reply from the authorization matrix test." },
        happened: async () =>
          (await (
            await appDb()
          ).caseMessage.count({ where: { case: { reference }, author: "STAFF", internal: false } })) === 1,
      };
    },
  },
  "lib/actions/staff.ts#addCaseNoteAction": {
    allow: STAFF_AND_ADMIN,
    setup: async () => {
      const { path: link } = await createReport({ reason: "ABUSE" });
      const reference = await createCase(link);
      return {
        fields: { reference, note: "A note from the authorization matrix test." },
        happened: async () =>
          (await (
            await appDb()
          ).caseMessage.count({ where: { case: { reference }, author: "STAFF", internal: true } })) === 1,
      };
    },
  },
  "lib/actions/staff.ts#claimAction": {
    allow: STAFF_AND_ADMIN,
    setup: async () => {
      const { block } = await createReport({ reason: "RATE" });
      const reference = await createOpenAppeal(block);
      return {
        fields: { reference, op: "claim" },
        happened: async () =>
          (await (await appDb()).appeal.findUniqueOrThrow({ where: { reference } })).claimedById !== null,
      };
    },
  },
  "lib/actions/admin.ts#reverseDecisionAction": {
    allow: ["admin"],
    setup: async () => {
      const { block } = await createReport({ reason: "SPAM" });
      const reference = await createOpenAppeal(block);
      const db = await appDb();
      const reviewer = await targetUser("reviewer");
      await db.appeal.update({
        where: { reference },
        data: {
          status: "APPROVED",
          decisionReason: "Approved for the authorization matrix test.",
          decidedById: reviewer.id,
          decidedAt: new Date(),
        },
      });
      await db.block.update({
        where: { id: block.id },
        data: { status: "LIFTED", liftReason: "Approved for the authorization matrix test.", endedAt: new Date() },
      });
      return {
        fields: { reference, reverses: "APPROVED", reason: "Reversed by the authorization matrix test." },
        happened: async () =>
          (await (await appDb()).appeal.findUniqueOrThrow({ where: { reference } })).status === "DENIED",
      };
    },
  },
  "lib/actions/admin.ts#saveDecisionTemplateAction": {
    allow: ["admin"],
    setup: async () => {
      const title = `Matrix template ${randomBytes(4).toString("hex")}`;
      return {
        fields: { title, decision: "deny", reason: "ANY", body: "Saved by the authorization matrix test." },
        happened: async () => (await (await appDb()).decisionTemplate.count({ where: { title } })) === 1,
      };
    },
  },
  "lib/actions/admin.ts#deleteDecisionTemplateAction": {
    allow: ["admin"],
    setup: async () => {
      const { id } = await (
        await appDb()
      ).decisionTemplate.create({
        data: {
          title: `Matrix delete ${randomBytes(4).toString("hex")}`,
          decision: "ask",
          body: "Deleted by the authorization matrix test.",
        },
      });
      return {
        fields: { id },
        happened: async () => (await (await appDb()).decisionTemplate.count({ where: { id } })) === 0,
      };
    },
  },
  "lib/actions/admin.ts#changeUserRoleAction": {
    allow: ["admin"],
    setup: async () => {
      const { id } = await targetUser("role");
      return {
        fields: { userId: id, role: "ADMIN" },
        happened: async () => (await (await appDb()).user.findUniqueOrThrow({ where: { id } })).role === "ADMIN",
      };
    },
  },
  "lib/actions/admin.ts#setUserDisabledAction": {
    allow: ["admin"],
    setup: async () => {
      const { id } = await targetUser("disable");
      return {
        // With the confirmation the form's "Yes" sends: refused for the authorization, not for lack of it.
        fields: { userId: id, op: "disable", confirm: "yes" },
        happened: async () => (await (await appDb()).user.findUniqueOrThrow({ where: { id } })).disabledAt !== null,
      };
    },
  },
  "lib/actions/admin.ts#inviteUserAction": {
    allow: ["admin"],
    setup: async () => {
      const email = `matrix-invite-${randomBytes(4).toString("hex")}@example.net`;
      return {
        fields: { email, name: "Matrix invitee", role: "ADMIN", accountId: "" },
        happened: async () => (await (await appDb()).user.count({ where: { email } })) === 1,
      };
    },
  },
  "lib/actions/admin.ts#manageInvitationAction": {
    allow: ["admin"],
    setup: async () => {
      const { id } = await targetUser("revoke", { passwordHash: null, invitedAt: new Date() });
      return {
        // With the confirmation the form's "Yes" sends: refused for the authorization, not for lack of it.
        fields: { invitation: `revoke:${id}`, confirm: "yes" },
        happened: async () => (await (await appDb()).user.count({ where: { id } })) === 0,
      };
    },
  },
  // Sign-in and sign-out are public by design (lib/auth); they only need to answer without a
  // 5xx. Last in the table on purpose: a sign-out may end the visitor's sessions.
  "lib/actions/auth.ts#signInAction": { allow: "public" },
  "lib/actions/auth.ts#signOutAction": { allow: "public" },
};

/** A staff login that a row's action acts on (never signed in: its password hash is a placeholder). */
async function targetUser(label: string, data: { passwordHash?: string | null; invitedAt?: Date } = {}) {
  return (await appDb()).user.create({
    data: {
      email: `matrix-${label}-${randomBytes(4).toString("hex")}@example.net`,
      name: `Matrix ${label}`,
      role: "STAFF",
      passwordHash: "x",
      ...data,
    },
  });
}

/** The server actions any console page carries, from the production build, by `file#export`. */
function consoleActions(): Map<string, string> {
  return new Map(
    buildServerActions()
      .filter((action) => action.filename && action.workers.some((worker) => worker.startsWith("app/staff/")))
      .map((action) => [`${action.filename}#${action.name}`, action.id]),
  );
}

const base = () => inject("baseUrl");
let cookies: Record<Visitor, string>;
let reportId: string;
let senderQuery: string;

const PASSWORD = "matrix password for the e2e run";

/**
 * A real session: the user signs in through the sign-in action, posted like the browser
 * does, and the cookie it sets is kept. Owners get no console session from the sign-in
 * today; for them a token exactly as the sign-in would write it (lib/auth/session.ts
 * startSession) stands in, so an owner's session is refused by the console too.
 */
async function sessionCookie(role: "OWNER" | "STAFF" | "ADMIN"): Promise<string> {
  const db = await appDb();
  const bcrypt = (await import("bcryptjs")).default;
  const account = role === "OWNER" ? await db.account.findFirstOrThrow() : null;
  const user = await db.user.create({
    data: {
      email: `matrix-${role.toLowerCase()}-${randomBytes(4).toString("hex")}@example.net`,
      name: `Matrix ${role}`,
      role,
      accountId: account?.id ?? null,
      passwordHash: await bcrypt.hash(PASSWORD, 4),
    },
  });
  const response = await fetch(`${base()}/sign-in`, {
    method: "POST",
    redirect: "manual",
    body: actionBody({ email: user.email, password: PASSWORD, next: "/staff" }),
    headers: {
      "Next-Action": consoleActions().get("lib/actions/auth.ts#signInAction")!,
      Accept: "text/x-component",
      "x-forwarded-for": `198.51.100.${1 + Math.floor(Math.random() * 250)}`,
    },
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  if (cookie) return cookie.split(";")[0]!;
  if (role !== "OWNER") throw new Error(`${role} sign-in set no session cookie (status ${response.status})`);
  const token = await encode({
    token: { sub: user.id, email: user.email, name: user.name },
    secret: SECRET,
    maxAge: 3600,
  });
  return `next-auth.session-token=${token}`;
}

function headersFor(visitor: Visitor, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...(cookies[visitor] ? { cookie: cookies[visitor] } : {}),
    "x-forwarded-for": `198.51.100.${1 + Math.floor(Math.random() * 250)}`,
    ...extra,
  };
}

function urlOf(file: string, visitor: Visitor): string {
  const route = file
    .replace(/^app/, "")
    .replace(/\/(page|route)\.(tsx?|jsx?)$/, "")
    .replace("[publicId]", reportId);
  // A sender brings the one thing they have: their report's link, id and secret.
  return `${base()}${route || "/"}${visitor === "sender" ? `?${senderQuery}` : ""}`;
}

function expectDenied(response: Response, body: string, row: PageRow, label: string) {
  expect(response.status, label).toBeLessThan(500);
  if (response.status === 200 && response.headers.get("content-type")?.startsWith("text/x-component")) {
    // An RSC answer carries the refusal in its payload: a redirect to sign-in, or not found.
    expect(body, label).toMatch(/NEXT_REDIRECT;(replace|push);\/sign-in|NEXT_HTTP_ERROR_FALLBACK;(401|403|404)/);
  } else if (response.status >= 300 && response.status < 400) {
    expect(new URL(response.headers.get("location") ?? "", base()).pathname, label).toBe("/sign-in");
  } else {
    expect([401, 403, 404], label).toContain(response.status);
  }
  expect(body, label).not.toContain(row.marker);
}

describe("the console's authorization matrix", () => {
  beforeAll(async () => {
    const { block, path: link } = await createReport({ reason: "SPAM" });
    await createOpenAppeal(block);
    reportId = block.publicId;
    senderQuery = link.slice(2);
    cookies = {
      anonymous: "",
      sender: "",
      owner: await sessionCookie("OWNER"),
      staff: await sessionCookie("STAFF"),
      admin: await sessionCookie("ADMIN"),
    };
  });

  it("has a row for every page and route handler under app/staff, and none for one that is gone", () => {
    expect(consoleFiles().sort()).toEqual(Object.keys(PAGES).sort());
  });

  it("has a row for every server action the console's pages carry, and none for one that is gone", () => {
    expect([...consoleActions().keys()].sort()).toEqual(Object.keys(ACTIONS).sort());
  });

  for (const [file, row] of Object.entries(PAGES)) {
    for (const visitor of VISITORS) {
      const allowed = row.allow.includes(visitor);
      it(`${file} × ${visitor}: ${allowed ? "allow" : "deny"} (HTML and RSC)`, async () => {
        for (const variant of row.route ? ["plain"] : ["plain", "rsc"]) {
          const label = `${file} ${visitor} ${variant}`;
          const headers = headersFor(visitor, variant === "rsc" ? { RSC: "1" } : {});
          let response = await fetch(urlOf(file, visitor), { redirect: "manual", headers });
          // Next answers an RSC request without its cache-busting _rsc parameter with a
          // redirect to the same page with it; follow that one, and only that one.
          const location = response.headers.get("location");
          if (variant === "rsc" && location && new URL(location, base()).searchParams.has("_rsc"))
            response = await fetch(new URL(location, base()), { redirect: "manual", headers });
          const body = await response.text();
          if (allowed) {
            expect(response.status, label).toBe(200);
            expect(body, label).toContain(row.marker);
            if (row.route) expect(response.headers.get("content-type"), label).toContain(row.route.contentType);
          } else {
            expectDenied(response, body, row, label);
          }
        }
      });
    }
  }

  for (const [key, row] of Object.entries(ACTIONS)) {
    for (const visitor of VISITORS) {
      const allowed = row.allow === "public" || row.allow.includes(visitor);
      it(`${key} × ${visitor}: ${row.allow === "public" ? "public" : allowed ? "allow" : "deny"}, posted directly with its action id`, async () => {
        const id = consoleActions().get(key);
        expect(id, `${key} is in the build`).toBeDefined();
        const target = row.setup
          ? await row.setup()
          : { fields: { email: "nobody@example.net", password: "wrong" }, happened: async () => false };
        const fields: Record<string, string> = {
          ...target.fields,
          ...(visitor === "sender" ? Object.fromEntries(new URLSearchParams(senderQuery)) : {}),
        };
        const body = actionBody(fields);
        const response = await fetch(`${base()}/staff/reports/${reportId}`, {
          method: "POST",
          redirect: "manual",
          body,
          headers: headersFor(visitor, { "Next-Action": id!, Accept: "text/x-component" }),
        });
        const text = await response.text();
        expect(response.status, text.slice(0, 300)).toBeLessThan(500);
        if (row.allow === "public") return;
        await expect(target.happened(), `${key} took effect for ${visitor}: ${text.slice(0, 400)}`).resolves.toBe(
          allowed,
        );
        if (!allowed) expect(text).toMatch(/Your session has ended or does not allow this|sign-in/i);
      });
    }
  }
});
