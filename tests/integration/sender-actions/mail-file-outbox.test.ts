import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reloadAppModules, restoreSharedModules } from "./fresh-modules";

// Without SMTP_URL the worker's mail.send handler writes .eml files to <DATA_DIR>/outbox:
// the zero-configuration `npm start` path, wired from the environment as in production.

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "block-reports-data-"));
  await reloadAppModules({ DATA_DIR: dataDir, SMTP_URL: undefined });
});

afterAll(async () => {
  await restoreSharedModules();
  await rm(dataDir, { recursive: true, force: true });
});

describe("mail without SMTP_URL", () => {
  it("goes to DATA_DIR/outbox as one .eml file per outbox row", async () => {
    const { jobHandlers } = await import("@/lib/jobs/handlers");
    const { env } = await import("@/lib/env");
    const payload = {
      template: "appeal-received",
      to: "ops@example.org",
      queuedAt: "2026-11-27T14:02:00.000Z",
      outboxId: "1001",
      data: { reference: "A-7K3F9Q", publicId: "1ec5d310c951ebd54d84", reason: "SPAM" },
    };
    await jobHandlers["mail.send"](payload, { log: () => {} });
    await jobHandlers["mail.send"](payload, { log: () => {} });

    const outbox = path.join(dataDir, "outbox");
    const files = await readdir(outbox);
    expect(files).toEqual(["appeal-received.outbox-1001_reports.example.net.eml"]);
    const eml = await readFile(path.join(outbox, files[0]!), "utf8");
    expect(eml).toContain(`From: ${env.MAIL_FROM}`);
    expect(eml).toContain("To: ops@example.org");
    expect(eml).toContain("Subject: Review request A-7K3F9Q received (report 1ec5d310c951ebd54d84)");
    expect(eml).toMatch(/Content-Type: multipart\/alternative/);
  });
});
