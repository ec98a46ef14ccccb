import { defineConfig } from "prisma/config";

// Only `prisma generate` runs here: the schema lives in SQL migrations applied by
// node-pg-migrate (lib/db/migrate.ts), because Prisma's migration engine is a native
// binary this project cannot download.
export default defineConfig({
  schema: "prisma/schema.prisma",
});
