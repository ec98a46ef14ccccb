import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { TEST_REPORT_LINK_KEY } from "./report-link-key";

// Runs before each integration test file is imported: lib/env reads process.env once, so
// the throwaway database's URL must be in place before any lib module loads.
process.env.DATABASE_URL = inject("databaseUrl");
// A test that runs the worker without SMTP_URL writes its mail as files under DATA_DIR:
// into a throwaway folder, never into the developer's .data.
process.env.DATA_DIR = path.join(os.tmpdir(), "block-reports-test-data");
// Report links are sealed with this key (lib/report-link/sealed-secret.ts).
process.env.REPORT_LINK_KEY ??= TEST_REPORT_LINK_KEY;
