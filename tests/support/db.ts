import { inject } from "vitest";

// Runs before each integration test file is imported: lib/env reads process.env once, so
// the throwaway database's URL must be in place before any lib module loads.
process.env.DATABASE_URL = inject("databaseUrl");
