import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

/*
 * The front server (lib/front-server) looks a report link up before Next sees the
 * request. When it then hands the request to Next, proxy.ts would look the same link up
 * again: a third database round trip for a rendered view. Instead the front server runs
 * Next's handler inside this async context, and the proxy takes the outcome from here.
 *
 * An async context, not a request header: nothing a client sends can forge it. Without the
 * front server (`next dev`, plain `next start`) there is no context and the proxy checks
 * the link itself, as before. The store sits on globalThis because proxy.ts is bundled by
 * Next and would otherwise get a module instance of its own.
 */

export type LinkOutcome = "found" | "gone" | "not_found";

interface CheckedLink {
  publicId: string;
  secret: string;
  outcome: LinkOutcome;
  /**
   * The "Report message" form's one-time submission id for this render, chosen by the front
   * server so that it knows exactly which bytes of the page to replace in a cached copy.
   */
  submissionId?: string;
}

const KEY = Symbol.for("block-reports.link-check-handoff");
const slot = globalThis as unknown as { [KEY]?: AsyncLocalStorage<CheckedLink> };

function storage(): AsyncLocalStorage<CheckedLink> {
  const existing = slot[KEY];
  if (existing) return existing;
  const created = new AsyncLocalStorage<CheckedLink>();
  slot[KEY] = created;
  return created;
}

/*
 * A report view the front server checked and found goes to Next without proxy.ts: the
 * front server gives it the nonce, the CSP and the report headers itself (one Next
 * middleware run less per rendered view). It marks such a request with this header, and
 * proxy.ts's matcher skips requests that carry it. The front server deletes the header from
 * every request a client sends (lib/front-server/front-handler.ts), and the page only
 * believes it together with this async context (checkedRenderIsGenuine), so a client that
 * sends it where no front server runs (`next dev`) gets 404, not a render without the proxy.
 * proxy.ts repeats the name as a literal: Next reads its matcher without running code.
 */
export const CHECKED_RENDER_HEADER = "x-block-reports-checked-render";

/**
 * False when the request claims the front server checked it (CHECKED_RENDER_HEADER) but the
 * front server handed no "found" outcome for exactly this link.
 */
export function checkedRenderIsGenuine(
  headers: { has(name: string): boolean },
  link: { publicId: string; secret: string },
): boolean {
  return !headers.has(CHECKED_RENDER_HEADER) || checkedLinkOutcome(link) === "found";
}

/** Runs `handle` (Next's request handler) with the outcome of the front server's check. */
export function runWithCheckedLink<T>(link: CheckedLink, handle: () => T): T {
  return storage().run(link, handle);
}

/**
 * The outcome the front server found for exactly this link, or undefined when it did not
 * check it (the proxy then checks it itself).
 */
export function checkedLinkOutcome(link: { publicId: string; secret: string }): LinkOutcome | undefined {
  const checked = storage().getStore();
  if (!checked || checked.publicId !== link.publicId || checked.secret !== link.secret) return undefined;
  return checked.outcome;
}

/**
 * The submission id the "Report message" form renders: the one the front server chose for
 * this render (see lib/report-cache/cached-page.ts), or a fresh random one without it.
 */
export function renderSubmissionId(): string {
  return storage().getStore()?.submissionId ?? randomUUID();
}
