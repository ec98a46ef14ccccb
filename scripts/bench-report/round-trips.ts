import pg from "pg";
import { frontServerCommand } from "../start/front-server";
import { startServer } from "./servers";
import { startWireCounter } from "./wire-counter";

export interface RoundTrips {
  label: string;
  views: number;
  perView: number;
}

interface Options {
  databaseUrl: string;
  port: number;
  env: Record<string, string>;
  reportId: string;
  reportPath: string;
}

/**
 * Round trips per view, counted on the wire (wire-counter.ts) against a second instance of
 * the app, started for this alone: the relay costs CPU, so the load runs go without it.
 * The benchmark's own statements (the changes between rendered views) bypass the counter.
 */
export async function measureRoundTrips(options: Options): Promise<RoundTrips[]> {
  const target = new URL(options.databaseUrl);
  const counter = await startWireCounter({ host: target.hostname, port: Number(target.port) });
  const counted = new URL(options.databaseUrl);
  counted.port = String(counter.port);
  const db = new pg.Client({ connectionString: options.databaseUrl });
  await db.connect();
  const app = await startServer({
    ...frontServerCommand({ port: options.port, hostname: "127.0.0.1" }),
    port: options.port,
    readyPath: "/api/health",
    env: { ...options.env, DATABASE_URL: counted.toString() },
  });
  try {
    let client = 0;
    const view = async (path = options.reportPath) => {
      // A new client address each time, so misses never reach the rate limit's 429.
      const response = await fetch(app.url + path, {
        headers: { "X-Forwarded-For": `198.51.${Math.floor(client / 250) % 250}.${client++ % 250}` },
      });
      await response.arrayBuffer();
    };
    const change = () =>
      db.query(
        "INSERT INTO event (block_id, account_id, type, actor_type) SELECT id, account_id, 'EVIDENCE_ADDED', 'RELAY' FROM block WHERE public_id = $1",
        [options.reportId],
      );
    const measure = async (label: string, views: number, run: () => Promise<void>) => {
      const before = counter.roundTrips();
      await run();
      return { label, views, perView: (counter.roundTrips() - before) / views };
    };
    const repeat = async (times: number, step: () => Promise<void>) => {
      for (let i = 0; i < times; i += 1) await step();
    };
    await view(); // the page is in the cache from here on (and the pools are connected)
    return [
      await measure("cached view, one at a time", 500, () => repeat(500, () => view())),
      await measure("cached view, 32 at once (they share version queries)", 32 * 20, () =>
        repeat(20, async () => {
          await Promise.all(Array.from({ length: 32 }, () => view()));
        }),
      ),
      await measure("rendered view (after a change to the report)", 50, () =>
        repeat(50, async () => {
          await change();
          await view();
        }),
      ),
      await measure("wrong secret (the 404 and its rate-limit count)", 50, () =>
        repeat(50, () => view(`${options.reportPath}x`)),
      ),
    ];
  } finally {
    await app.stop();
    await db.end();
    await counter.close();
  }
}
