import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import type { FormState } from "@/lib/forms/form-state";
import { freePort } from "@/tests/support/embedded-db";
import { reloadAppModules, restoreSharedModules } from "./fresh-modules";

// A Postgres of this file's own, persistent across restarts, which the test stops (a fast
// shutdown: open transactions are aborted, connections cut) and starts again while
// appeals are being submitted.

const TRY_AGAIN = "We could not save your request just now. Nothing was stored; please try again.";

let dir: string;
let port: number;
let server: EmbeddedDatabase | undefined;
let app: Awaited<ReturnType<typeof loadApp>>;

const startServer = async () => {
  server = await startEmbeddedPostgres({
    dir: path.join(dir, "data"),
    port,
    database: "restart_test",
    persistent: true,
  });
  return server;
};
const stopServer = async () => {
  await server?.stop();
  server = undefined;
};

async function loadApp() {
  return {
    submit: (await import("@/lib/actions/sender/submit-appeal-from-form")).submitAppealFromForm,
    support: await import("./support"),
    db: (await import("@/lib/db/client")).getDb(),
  };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "block-reports-restart-"));
  await chmod(dir, 0o755);
  port = await freePort();
  const { url } = await startServer();
  await applyMigrations(url);
  await reloadAppModules({ DATABASE_URL: url });
  app = await loadApp();
});

afterAll(async () => {
  await restoreSharedModules();
  await stopServer();
  await rm(dir, { recursive: true, force: true });
});

type Target = Awaited<ReturnType<typeof app.support.blockWithLink>>;

const submitFor = (target: Target, index: number) =>
  app.submit(app.support.formDataOf(target.link, app.support.validAppealFields("ABUSE")), `restart-${index}`);

async function waitUntilReachable() {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (
      await app.db.$queryRaw`SELECT 1`.then(
        () => true,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("database did not come back");
}

/** Exactly one of: nothing stored, or the appeal with its event, status and both mails. */
async function expectWholeOrNothing(target: Target) {
  const appeals = await app.db.appeal.findMany({ where: { blockId: target.block.id } });
  const events = await app.db.event.count({ where: { blockId: target.block.id, type: "APPEAL_SUBMITTED" } });
  const { status } = await app.db.block.findUniqueOrThrow({ where: { id: target.block.id } });
  if (appeals.length === 0) {
    expect({ events, status }).toEqual({ events: 0, status: "ACTIVE" });
    return null;
  }
  expect(appeals).toHaveLength(1);
  const reference = appeals[0]!.reference;
  expect({ events, status, mails: (await app.support.mailJobsFor(reference)).length }).toEqual({
    events: 1,
    status: "UNDER_REVIEW",
    mails: 2,
  });
  return reference;
}

describe("an appeal submitted while the database restarts", () => {
  it("is either stored whole, with its notifications, or refused with a clear 'try again'", async () => {
    const during = await Promise.all(Array.from({ length: 40 }, () => app.support.blockWithLink({ reason: "ABUSE" })));
    const whileDown = await Promise.all(
      Array.from({ length: 5 }, () => app.support.blockWithLink({ reason: "ABUSE" })),
    );

    // A stream of submissions; once a few have committed, the server shuts down under the
    // rest (some mid-transaction), then more arrive while it is down.
    let committed = 0;
    let someCommitted!: () => void;
    const shutdownSignal = new Promise<void>((resolve) => (someCommitted = resolve));
    const inFlight = during.map(async (target, i) => {
      await new Promise((resolve) => setTimeout(resolve, i * 15));
      const state = await submitFor(target, i);
      if (state.status === "success" && ++committed === 5) someCommitted();
      return state;
    });
    await Promise.race([shutdownSignal, Promise.all(inFlight)]);
    await stopServer();
    const duringStates = await Promise.all(inFlight);
    const downStates = await Promise.all(whileDown.map((target, i) => submitFor(target, 100 + i)));
    expect(duringStates.filter((s) => s.status === "success").length).toBeGreaterThanOrEqual(5);
    expect(duringStates.some((s) => s.status === "error")).toBe(true);

    await startServer();
    await waitUntilReachable();

    const states: [Target, FormState][] = [
      ...during.map((t, i) => [t, duringStates[i]!] as [Target, FormState]),
      ...whileDown.map((t, i) => [t, downStates[i]!] as [Target, FormState]),
    ];
    for (const [, state] of states) {
      if (state.status === "success") continue;
      expect(state).toMatchObject({ status: "error", message: TRY_AGAIN });
      // The form keeps what was typed, so trying again is one click.
      expect(state.values?.contactEmail).toBe("ops@example.org");
    }
    expect(downStates.every((s) => s.status === "error")).toBe(true);

    for (const [target, state] of states) {
      const stored = await expectWholeOrNothing(target);
      if (state.status === "success") expect(stored).toBe(state.reference);
    }

    // Trying again after the restart works (or finds the request that did commit).
    const failed = states.filter(([, s]) => s.status === "error").map(([target]) => target);
    for (const [i, target] of failed.entries()) {
      const retry = await submitFor(target, 200 + i);
      expect(retry.status === "success" ? "success" : retry.message).toMatch(
        /^(success|A review is already requested for this block\.)$/,
      );
      expect(await expectWholeOrNothing(target)).not.toBeNull();
    }
  }, 120_000);
});
