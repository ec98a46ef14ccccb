import { describe, expect, it } from "vitest";
import { baseUrl } from "../../support/browser";
import { freshClient, randomSecret } from "../../support/demo-links";
import { postServerAction, serverActionId } from "../../support/raw-http";
import { createReport, storedFor } from "./app-data";

/*
 * A wrong report link posted to the sender's actions counts in the same per-client limit
 * as a wrong link opened on the page (lib/data/appeals/sender-link.ts): guessing links
 * through the actions is no cheaper than through the page. Through HTTP, with the actions
 * posted directly by their ids, from one client address (the e2e app trusts one proxy hop).
 */

const ACTIONS = ["requestReviewAction", "reportMessageAction", "replyToInfoRequestAction"] as const;
const NOT_VALID = "This report link is not valid";
const LIMITED = "Too many report links that did not match were opened from your network.";

// lib modules read the environment on import; createReport() points it at the app's database first.
const missLimit = async () => (await import("@/lib/reports/data/report-link-access")).REPORT_LINK_MISS_LIMIT;

function linkOf(path: string) {
  const params = new URLSearchParams(path.slice(path.indexOf("?")));
  return { id: params.get("id")!, auth: params.get("auth")! };
}

describe("wrong report links posted to the sender's actions", () => {
  it("count in the page's miss limit: past it the page answers 429 and every action refuses, while the right link still works", async () => {
    const client = freshClient();
    const { block, path } = await createReport({ reason: "SPAM" });
    const REPORT_LINK_MISS_LIMIT = await missLimit();
    const wrong = { ...linkOf(path), auth: randomSecret() };
    const as = { "X-Forwarded-For": client };
    const page = (url: string) => fetch(`${baseUrl()}${url}`, { headers: as, redirect: "manual" });

    // Half the limit through the actions, half through the page: one counter.
    const viaActions = Math.ceil(REPORT_LINK_MISS_LIMIT / 2);
    for (let i = 0; i < viaActions; i++) {
      const answer = await postServerAction(
        baseUrl(),
        path,
        ACTIONS[i % ACTIONS.length]!,
        { ...wrong, note: "guess" },
        as,
      );
      expect(answer.status).toBe(200);
      expect(answer.text).toContain(NOT_VALID);
    }
    for (let i = viaActions; i < REPORT_LINK_MISS_LIMIT; i++) {
      expect((await page(`/?id=${wrong.id}&auth=${randomSecret()}`)).status).toBe(404);
    }

    // The limit is spent: the page refuses the next wrong link, and so does every action.
    const limited = await page(`/?id=${wrong.id}&auth=${randomSecret()}`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    for (const action of ACTIONS) {
      const answer = await postServerAction(baseUrl(), path, action, { ...wrong, note: "guess" }, as);
      expect(answer.text, action).toContain(LIMITED);
      expect(answer.text, action).not.toContain(NOT_VALID);
    }
    expect((await storedFor(block.id, block.publicId)).cases).toHaveLength(0);

    // Only misses are limited: the right link opens and its actions work for the same client.
    expect((await page(path)).status).toBe(200);
    const right = await postServerAction(
      baseUrl(),
      path,
      "reportMessageAction",
      { ...linkOf(path), note: "Not our mail." },
      as,
    );
    expect(right.text).toContain("The report was sent to our compliance team");
    // Another client is not affected.
    const other = await postServerAction(baseUrl(), path, "requestReviewAction", wrong, {
      "X-Forwarded-For": freshClient(),
    });
    expect(other.text).toContain(NOT_VALID);
  });

  it("misses through the actions alone reach the limit too: then the page refuses a wrong link", async () => {
    const client = freshClient();
    const { path } = await createReport({ reason: "ABUSE" });
    const REPORT_LINK_MISS_LIMIT = await missLimit();
    const wrong = { id: "f".repeat(20), auth: randomSecret() };
    for (let i = 0; i < REPORT_LINK_MISS_LIMIT; i++) {
      expect(
        (await postServerAction(baseUrl(), path, "requestReviewAction", wrong, { "X-Forwarded-For": client })).text,
      ).toContain(NOT_VALID);
    }
    const page = await fetch(`${baseUrl()}/?id=${wrong.id}&auth=${wrong.auth}`, {
      headers: { "X-Forwarded-For": client },
    });
    expect(page.status).toBe(429);
  });

  it("a wrong link in the address of a form post or of a client-side navigation counts too, and past the limit is answered 429", async () => {
    const REPORT_LINK_MISS_LIMIT = await missLimit();
    const { path } = await createReport({ reason: "SPAM" });
    const wrongUrl = () => `/?id=${linkOf(path).id}&auth=${randomSecret()}`;
    // "Find your report" posted without JavaScript to a wrong link's address: the action runs,
    // then the page at that address renders, which a wrong link makes a 404 (an oracle, unless counted).
    const postFind = (url: string, client: string) => {
      const form = new FormData();
      form.append(`$ACTION_ID_${serverActionId("findReportAction")}`, "");
      form.append("bounce", "");
      return fetch(`${baseUrl()}${url}`, {
        method: "POST",
        body: form,
        redirect: "manual",
        headers: { Origin: baseUrl(), "X-Forwarded-For": client },
      });
    };
    // A client-side navigation (RSC); fetch follows Next's redirect to the address with `_rsc`.
    const navigate = (url: string, client: string) =>
      fetch(`${baseUrl()}${url}`, { headers: { RSC: "1", "X-Forwarded-For": client } });

    for (const send of [postFind, navigate]) {
      const client = freshClient();
      for (let i = 0; i < REPORT_LINK_MISS_LIMIT; i++) expect((await send(wrongUrl(), client)).status).toBe(404);
      // The limit is spent for documents too, and for the next post or navigation.
      const document = await fetch(`${baseUrl()}${wrongUrl()}`, { headers: { "X-Forwarded-For": client } });
      expect(document.status, send.name).toBe(429);
      const refused = await send(wrongUrl(), client);
      expect(refused.status, send.name).toBe(429);
      expect(Number(refused.headers.get("retry-after")), send.name).toBeGreaterThan(0);
      expect(await refused.text(), send.name).toContain(LIMITED);
      // Only misses: the right link's address still answers the same client.
      expect((await send(path, client)).status, send.name).toBe(200);
    }
  });

  it("'Find your report' looks a pasted link up first: one that matches nothing is answered on the form, with the text kept, and counts against the caller", async () => {
    const REPORT_LINK_MISS_LIMIT = await missLimit();
    const { path } = await createReport({ reason: "SPAM" });
    const client = freshClient();
    const find = (bounce: string) =>
      postServerAction(baseUrl(), "/", "findReportAction", { bounce }, { "X-Forwarded-For": client });
    const wrong = () => `See: ${baseUrl()}/?id=${linkOf(path).id}&auth=${randomSecret()}`;
    for (let i = 0; i < REPORT_LINK_MISS_LIMIT; i++) {
      const pasted = wrong();
      const answer = await find(pasted);
      expect(answer.status).toBe(200);
      expect(answer.text).toContain('"problem":"not_found"');
      expect(answer.text).toContain("Check that the whole link was pasted");
      expect(answer.text).toContain(JSON.stringify(pasted)); // what was pasted is kept
    }
    // Counted against this caller: the page now refuses a wrong link from it, and so does the form.
    const page = await fetch(`${baseUrl()}/?id=${linkOf(path).id}&auth=${randomSecret()}`, {
      headers: { "X-Forwarded-For": client },
    });
    expect(page.status).toBe(429);
    expect((await find(wrong())).text).toContain(LIMITED);
    // The right link still opens the report for the same caller: the action redirects to it.
    const right = await find(`See: ${baseUrl()}${path}`);
    expect(right.text).not.toContain(LIMITED);
    expect(right.text).not.toContain("not_found");
    expect((await fetch(`${baseUrl()}${path}`, { headers: { "X-Forwarded-For": client } })).status).toBe(200);
  });
});
