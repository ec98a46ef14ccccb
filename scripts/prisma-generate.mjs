// Prisma refuses to run `generate` while its native schema engine is missing, although
// generate does not use it, and its download host is unreachable on machines without a network.
// Pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing executable lets generate run.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

if (!existsSync("prisma/schema.prisma")) process.exit(0);
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
execFileSync("npx", ["prisma", "generate"], { stdio: "inherit", env });
