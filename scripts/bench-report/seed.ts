import pg from "pg";
import { seedLargeVolume } from "../seed-large/seed-volume";

/**
 * The demo reports (the measured page is the "abuse, active" one: five kinds of evidence,
 * a timeline, the sender forms) plus `volume` generated blocks with evidence and events,
 * so every lookup runs against tables and indexes of a realistic size, not a handful of rows.
 */
export async function seedBenchData(databaseUrl: string, volume: number, say: (message: string) => void) {
  process.env.DATABASE_URL = databaseUrl;
  const { seedDemoData } = await import("@/prisma/seed/seed-demo");
  await seedDemoData();
  const { disconnectDb } = await import("@/lib/db/client");
  await disconnectDb();
  if (volume === 0) return { blocks: 0, evidence: 0, events: 0 };
  say(`adding ${volume.toLocaleString("en-US")} generated blocks (seed:large)…`);
  const result = await seedLargeVolume({ databaseUrl, blocks: volume });
  // Done now rather than by autovacuum in the middle of a measurement.
  say("VACUUM (ANALYZE)…");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query("VACUUM (ANALYZE)");
  await client.end();
  return { blocks: result.blocks, evidence: result.evidence, events: result.events };
}
