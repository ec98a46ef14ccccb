// `npm run policy-service`: the Postfix policy service (lib/policy) on POLICY_HOST:POLICY_PORT
// (127.0.0.1:10031), for `check_policy_service inet:127.0.0.1:10031` in
// smtpd_recipient_restrictions. Like the apikey:* commands it uses DATABASE_URL, else the
// embedded database of `npm start` (connected to if running, started for as long as the
// service runs if not). REPORT_LINK_KEY must be the app's: given, or with the embedded
// database the one `npm start` generated into DATA_DIR.
import path from "node:path";
import { openKeyDatabase } from "./apikey/database";
import { ensureReportLinkKey } from "./start/secrets";

const dataDir = path.resolve(process.env.DATA_DIR ?? ".data");
const say = (message: string) => console.log(`[policy-service] ${message}`);

try {
  process.env.REPORT_LINK_KEY = await ensureReportLinkKey(dataDir);
} catch (error) {
  console.error(`[policy-service] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const database = await openKeyDatabase();
process.env.DATABASE_URL = database.url;

// lib modules read the environment once, on import: load them only now.
const { env } = await import("@/lib/env");
const { createPolicyServer } = await import("@/lib/policy/policy-server");
const { OpenSenders } = await import("@/lib/policy/open-senders");
const { closePools } = await import("@/lib/db/pools");
const { disconnectDb } = await import("@/lib/db/client");

const openSenders = new OpenSenders(database.url);
openSenders.start();
const policy = createPolicyServer({
  onError: env.POLICY_ON_ERROR,
  openSenders,
  maxConnections: env.POLICY_MAX_CONNECTIONS,
  maxConnectionsPerClient: env.POLICY_MAX_CONNECTIONS_PER_CLIENT,
});
let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  say("stopping…");
  const timer = setTimeout(() => process.exit(0), 5000);
  timer.unref();
  await policy.close().catch(() => {});
  await Promise.allSettled([closePools(), disconnectDb()]);
  await database.release().catch(() => {});
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void stop());
}

policy.server.once("error", (error) => {
  console.error(`[policy-service] cannot listen on ${env.POLICY_HOST}:${env.POLICY_PORT}: ${error.message}`);
  void stop(1);
});
policy.server.listen(env.POLICY_PORT, env.POLICY_HOST, () => {
  say(
    `ready on ${env.POLICY_HOST}:${env.POLICY_PORT} (database: ${database.description}; on database errors: ${env.POLICY_ON_ERROR === "defer" ? "451 4.3.0" : "DUNNO"})`,
  );
});
