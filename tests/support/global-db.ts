import type { TestProject } from "vitest/node";
import { startTestDatabase } from "./embedded-db";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

// Integration tests share one real, freshly migrated Postgres per run; each test creates
// its own accounts, so tests do not depend on each other's rows.
export default async function setup(project: TestProject) {
  const db = await startTestDatabase();
  project.provide("databaseUrl", db.url);
  return () => db.stop();
}
