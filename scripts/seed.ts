// `npm run seed`: writes the public demo data into DATABASE_URL. Explicit on purpose: demo
// links and passwords are published, so they must never reach a real database by accident.
import { applyMigrations } from "@/lib/db/migrate";
import { disconnectDb } from "@/lib/db/client";
import { requireDatabaseUrl } from "@/lib/env";
import { seedDemoData } from "@/prisma/seed/seed-demo";

const url = requireDatabaseUrl();
await applyMigrations(url);
const created = await seedDemoData();
console.log(created ? `seeded ${created} demo reports` : "demo data already present; nothing to do");
await disconnectDb();
