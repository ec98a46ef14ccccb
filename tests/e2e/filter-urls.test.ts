import { beforeAll, describe, expect, it } from "vitest";
import { baseUrl } from "../support/browser";
import { freshClient } from "../support/demo-links";
import { actionBody, serverActionId } from "../support/raw-http";
import { createTestUser, TEST_PASSWORD } from "../support/sign-in";
import { createOwnedAccount } from "./account/account-support";

/*
 * The filters of the owner's block history, the console's queue and the audit log live in
 * the URL (GET forms, links anyone can edit), and end up as parameters of Postgres
 * statements. A value the filters let through must never fail there as a server error:
 * `%00` (Postgres text holds no NUL) and year 0000 (a JavaScript date, not a Postgres one)
 * in every free-text, day and cursor parameter, on each page and each CSV export, signed in
 * as the role that may see it. The no-server-errors suite covers what a visitor without a
 * session can reach; these pages need one.
 */

const cursor = (text: string) => Buffer.from(text).toString("base64url");
const YEAR_ZERO = "0000-01-01T00:00:00.000000";
const UUID_ZERO = "00000000-0000-0000-0000-000000000000";

const HOSTILE: { role: "OWNER" | "STAFF" | "ADMIN"; paths: string[] }[] = [
  {
    role: "OWNER",
    paths: ["/account/blocks", "/account/blocks/export"].flatMap((path) => [
      `${path}?q=a%00b`,
      `${path}?q=%00`,
      `${path}?sender=news%00@example.net`,
      `${path}?from=0000-01-01`,
      `${path}?to=0000-12-31`,
    ]),
  },
  {
    role: "STAFF",
    paths: [
      `/staff?q=a%00b`,
      `/staff?decide_after=${cursor(`${YEAR_ZERO}~${UUID_ZERO}~0`)}`,
      `/staff?waiting_after=${cursor(`${YEAR_ZERO}~${UUID_ZERO}~1`)}`,
      `/staff?cases_after=${cursor(`${YEAR_ZERO}~${UUID_ZERO}~0`)}`,
    ],
  },
  {
    role: "ADMIN",
    paths: ["/staff/audit", "/staff/audit/export"].flatMap((path) => [
      `${path}?actor=a%00b`,
      `${path}?target=%00`,
      `${path}?from=0000-01-01`,
      `${path}?to=0000-01-01`,
      `${path}?before=${cursor(`${YEAR_ZERO}~event~1`)}`,
    ]),
  },
];

/** A session cookie from the sign-in action, posted as the page's JavaScript posts it. */
async function signedIn(email: string): Promise<string> {
  const response = await fetch(`${baseUrl()}/sign-in`, {
    method: "POST",
    redirect: "manual",
    body: actionBody({ email, password: TEST_PASSWORD, next: "" }),
    headers: {
      "Next-Action": serverActionId("signInAction"),
      Accept: "text/x-component",
      "x-forwarded-for": freshClient(),
    },
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  if (!cookie) throw new Error(`${email} could not sign in (status ${response.status})`);
  return cookie.split(";")[0]!;
}

const cookies: Partial<Record<"OWNER" | "STAFF" | "ADMIN", string>> = {};

beforeAll(async () => {
  cookies.OWNER = await signedIn((await createOwnedAccount()).owner.email);
  cookies.STAFF = await signedIn((await createTestUser("STAFF")).email);
  cookies.ADMIN = await signedIn((await createTestUser("ADMIN")).email);
});

describe("filters in the URL", () => {
  it("answer a NUL or year 0000 in any filter or cursor below 500, to the end of the page or export", async () => {
    const failures: string[] = [];
    for (const { role, paths } of HOSTILE) {
      for (const path of paths) {
        const response = await fetch(`${baseUrl()}${path}`, {
          redirect: "manual",
          headers: { cookie: cookies[role]!, "x-forwarded-for": freshClient() },
        });
        // An export fails after its 200 by breaking off its stream: read it to the end.
        const body = await response.text().then(
          (text) => text,
          (error: unknown) => `broken off: ${String(error)}`,
        );
        if (response.status >= 500 || body.startsWith("broken off"))
          failures.push(`${role} ${path}: ${response.status} ${body.slice(0, 80)}`);
        else expect(response.status, `${role} ${path}`).toBe(200);
      }
    }
    expect(failures).toEqual([]);
  });
});
