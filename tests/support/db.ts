import os from "node:os";
import path from "node:path";
import { inject } from "vitest";

// Runs before each integration test file is imported: lib/env reads process.env once, so
// the throwaway database's URL must be in place before any lib module loads.
process.env.DATABASE_URL = inject("databaseUrl");
// A test that runs the worker without SMTP_URL writes its mail as files under DATA_DIR:
// into a throwaway folder, never into the developer's .data.
process.env.DATA_DIR = path.join(os.tmpdir(), "block-reports-test-data");
