import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningWorker } from "@/lib/jobs/worker";
import { createScratchDatabase, restoreSharedModules, reloadAppModules, startAppWorker } from "./fresh-modules";
import { startSmtpSink, type SmtpSink } from "./smtp-sink";

// The worker, its mail.send handler and the data layer are the app's own modules, loaded
// with SMTP_URL pointing at a real SMTP server started here, on a database of their own
// (so jobs queued by other test files do not run here).

let sink: SmtpSink;
let worker: RunningWorker;
let databaseUrl: string;
let app: Awaited<ReturnType<typeof loadApp>>;

async function loadApp() {
  return {
    appeals: await import("@/lib/data/appeals"),
    cases: await import("@/lib/data/cases"),
    support: await import("./support"),
    env: (await import("@/lib/env")).env,
    db: (await import("@/lib/db/client")).getDb(),
  };
}

beforeAll(async () => {
  sink = await startSmtpSink({
    rejectRcpt: (address, attempt) => address === "greylisted@example.org" && attempt === 1,
  });
  databaseUrl = await createScratchDatabase("mail_delivery");
  await reloadAppModules({ DATABASE_URL: databaseUrl, SMTP_URL: sink.url });
  app = await loadApp();
  worker = await startAppWorker(databaseUrl);
});

afterAll(async () => {
  await worker?.stop();
  await sink?.close();
  await restoreSharedModules();
});

const bySubject = (fragment: string) => (mails: SmtpSink["received"]) =>
  mails.filter((m) => m.header("subject")?.includes(fragment));

describe("mail.send over SMTP, from the transactional outbox", () => {
  it("delivers an appeal's confirmation and compliance notice", async () => {
    const { link, secret } = await app.support.blockWithLink({ reason: "SPAM" });
    const fields = app.support.validAppealFields("SPAM", {
      explanation: "We dropped the https://bit.ly/3xYz links <script>alert(1)</script> from the template.",
    });
    const { reference } = await app.appeals.submitAppeal({ link, fields, client: "mail-test" });

    expect(await worker.dispatchNow()).toBeGreaterThanOrEqual(2);
    const mails = await sink.waitFor((all) => bySubject(reference)(all).length === 2);
    const mailTo = (to: string) => bySubject(reference)(mails).find((m) => m.to.includes(to))!;
    const contact = mailTo("ops@example.org");
    const compliance = mailTo(app.env.COMPLIANCE_EMAIL);

    expect(contact.header("subject")).toBe(`Review request ${reference} received (report ${link.publicId})`);
    expect(contact.header("from")).toBe(app.env.MAIL_FROM);
    expect(contact.header("message-id")).toMatch(/^<appeal-received\.outbox-\d+@reports\.example\.net>$/);
    expect(contact.text).toContain(`Your reference is ${reference}.`);
    // The contact address is whatever the form said: it never receives the link's secret
    // or the sender-written text.
    expect(contact.raw).not.toContain(secret);
    expect(contact.raw).not.toContain("bit.ly");

    expect(compliance.header("subject")).toBe(`[appeal] ${reference} for report ${link.publicId} (SPAM)`);
    expect(compliance.text).toContain("hxxps://bit[.]ly/3xYz");
    expect(compliance.raw).not.toContain("https://bit.ly");
    expect(compliance.text).toContain("<script>alert(1)</script>");
    expect(compliance.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(compliance.html).not.toContain("<script>");

    const pending = await app.db.outboxMessage.count({ where: { dispatchedAt: null } });
    expect(pending).toBe(0);
  });

  it("retries a temporarily refused mail with back-off and delivers it once, with the same Message-ID", async () => {
    const { link } = await app.support.blockWithLink({ reason: "ABUSE" });
    const result = await app.cases.reportMessage({
      link,
      fields: { contactEmail: "greylisted@example.org", note: "Please check." },
      client: "mail-test",
    });
    await worker.dispatchNow();

    const mails = await sink.waitFor((all) => all.some((m) => m.to.includes("greylisted@example.org")), 50_000);
    const delivered = mails.filter((m) => m.to.includes("greylisted@example.org"));
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.header("subject")).toBe(
      `Report ${result.reference} sent to compliance (report ${link.publicId})`,
    );
    // The sender's confirmation gives one reference to quote; the evidence digest is for staff.
    expect(delivered[0]!.text).toContain(`Your reference: ${result.conversationReference}.`);
    expect(delivered[0]!.text).not.toContain(result.bundleDigest);
    expect(sink.rcptAttempts.filter((a) => a === "greylisted@example.org")).toHaveLength(2);

    // pg-boss marks the job completed just after the handler returns, which can be after the
    // sink has the mail: read its state until it settles.
    const jobState = async () =>
      (
        await app.db.$queryRaw<{ state: string; retry_count: number }[]>`
          SELECT state::text, retry_count FROM pgboss.job
          WHERE name = 'mail.send' AND data->>'to' = 'greylisted@example.org'`
      )[0];
    await expect.poll(jobState, { timeout: 10_000 }).toEqual({ state: "completed", retry_count: 1 });
    // The Message-ID comes from the outbox row, so every attempt carries the same one.
    const [row] = await app.db.outboxMessage.findMany({
      where: { payload: { path: ["to"], equals: "greylisted@example.org" } },
    });
    expect(delivered[0]!.header("message-id")).toBe(`<case-received.outbox-${row!.id}@reports.example.net>`);
  }, 60_000);
});

describe("mail.send without SMTP_URL: the file outbox", () => {
  it("writes each mail once as an .eml file named after its Message-ID", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "block-reports-outbox-"));
    try {
      const { createMailSendHandler, createMailTransport } = await import("@/lib/mail");
      const logged: Record<string, unknown>[] = [];
      const handler = createMailSendHandler({
        transport: createMailTransport({ outboxDir: dir }),
        from: "Block Reports <no-reply@reports.example.net>",
        context: { relayName: "Example Relay", publicBaseUrl: "https://reports.example.net" },
      });
      const job = {
        template: "case-received",
        to: "someone@example.org",
        queuedAt: "2026-11-27T14:02:00.000Z",
        outboxId: "42",
        data: { reference: "C-5T2W8R", publicId: "1ec5d310c951ebd54d84", bundleDigest: "a3".repeat(32) },
      };
      // A retry of the same job (same outbox row) replaces its file rather than adding one.
      await handler(job, { log: (_m, details) => logged.push(details ?? {}) });
      await handler(job, { log: () => {} });
      expect(await readdir(dir)).toEqual(["case-received.outbox-42_reports.example.net.eml"]);
      const eml = await readFile(path.join(dir, "case-received.outbox-42_reports.example.net.eml"), "utf8");
      expect(eml).toContain("Message-ID: <case-received.outbox-42@reports.example.net>");
      expect(eml).toContain("Subject: Report C-5T2W8R sent to compliance (report 1ec5d310c951ebd54d84)");
      expect(eml).toContain("Date: Fri, 27 Nov 2026 14:02:00 +0000");
      expect(logged[0]).toMatchObject({ location: path.join(dir, "case-received.outbox-42_reports.example.net.eml") });

      await expect(handler({ ...job, to: "not an address" }, { log: () => {} })).rejects.toThrow(/invalid payload: to/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
