process.env.DATABASE_URL = "postgres://blockreports:blockreports@127.0.0.1:54457/block_reports";
const { getDb } = await import("@/lib/db/client");
const { getAccountOverview } = await import("@/lib/data/account");
const owner = await getDb().user.findFirstOrThrow({ where: { email: "bench-owner@bulk-acct-0001.example" } });
for (let i = 0; i < 4; i++) { const t = performance.now(); await getAccountOverview({ ownerId: owner.id }); console.log("overview", (performance.now() - t).toFixed(1)); }
process.exit(0);
