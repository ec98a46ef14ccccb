// Run by scripts/bench-history.ts, once per database: what each portal page's server component
// asks the data layer for, called directly (no HTTP, no rendering), `--samples` times after
// `--warm-ups`. The app's data layer reads DATABASE_URL once, on import, so each database gets a
// process of its own. Prints one JSON line: { [page]: { p50, p95 } } in ms.
import { parseArgs } from "node:util";
import { percentile } from "../bench/percentile";

const { values } = parseArgs({
  options: {
    owner: { type: "string" },
    paths: { type: "string" },
    samples: { type: "string", default: "600" },
    "warm-ups": { type: "string", default: "5" },
  },
});
const ownerId = values.owner!;
const paths = JSON.parse(values.paths!) as Record<string, string>;
const samples = Number(values.samples);
const warmUps = Number(values["warm-ups"]);

const { getAccountOverview, listAccountBlocks, listSmtpUsers, ownerScope } = await import("@/lib/data/account");
const { parseHistoryCursor, parseHistoryFilters } = await import("@/lib/account/history-filters");
const [{ disconnectDb }, { closePools }] = await Promise.all([import("@/lib/db/client"), import("@/lib/db/pools")]);

const pageData = async (key: string, path: string) => {
  if (key === "overview") return getAccountOverview({ ownerId });
  const params = Object.fromEntries(new URL(path, "http://x").searchParams);
  return Promise.all([
    ownerScope(ownerId),
    listSmtpUsers({ ownerId }),
    listAccountBlocks({ ownerId, filters: parseHistoryFilters(params), cursor: parseHistoryCursor(params) }),
  ]);
};

const result: Record<string, { p50: number; p95: number }> = {};
try {
  for (const [key, path] of Object.entries(paths)) {
    const times: number[] = [];
    for (let i = 0; i < warmUps + samples; i += 1) {
      const started = performance.now();
      await pageData(key, path);
      if (i >= warmUps) times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    result[key] = { p50: percentile(times, 50), p95: percentile(times, 95) };
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await Promise.all([disconnectDb(), closePools()]);
}
