// `npm run bench:policy [-- --seconds 15 --connections 32]`: the Postfix policy service
// (scripts/policy-service.ts, lib/policy) under load from 32 policy clients, each as one
// of Postfix's smtpd processes uses it (a request, its answer, the next request), against a
// floor: the same server code answering DUNNO to everything without any lookup
// (scripts/bench-policy/floor-server.ts). Both run in their own processes, against a
// throwaway embedded Postgres. Writes its section of BENCHMARKS.md.
// Targets (2 cores): at least 0.5 × the floor's requests/s, p99 under 5 ms.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { freePort, startTestDatabase } from "../tests/support/embedded-db";
import { num, targetRow, writeBenchmarkSection } from "./bench/benchmarks-file";
import { runPolicyLoad, type PolicyLoadResult } from "./bench-policy/policy-load";
import { BLOCKED_EVERY, POLICY_USERS, seedPolicyBench } from "./bench-policy/seed";
import { loadAverage as load, benchLogger, BENCH_REPORT_LINK_KEY } from "./bench/bench-env";

const { values } = parseArgs({
  options: { seconds: { type: "string", default: "15" }, connections: { type: "string", default: "32" } },
});
const seconds = Math.max(5, Number(values.seconds));
const connections = Math.max(1, Number(values.connections));
const say = benchLogger("policy");
const REPORT_LINK_KEY = BENCH_REPORT_LINK_KEY;

function start(script: string, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script], {
    env: { ...process.env, ...env, LOG_LEVEL: "warn" },
    detached: true,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("ready on")) resolve(child);
    });
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}: ${output}`)));
  });
}

async function stop(child: ChildProcess | undefined) {
  if (!child?.pid || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid, "SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  if (child.exitCode === null) process.kill(-child.pid, "SIGKILL");
}

/*
 * The traffic: an authenticated client (sasl_username) out of 20,000 with a sender address;
 * every tenth login is blocked, so every tenth answer is a refusal with its link, and is
 * counted as an attempt. Each request is a full Postfix 3.7 attribute set.
 */
const request = (n: number, user = ((n * 7919) % POLICY_USERS) + 1) => {
  return (
    [
      "request=smtpd_access_policy",
      "protocol_state=RCPT",
      "protocol_name=ESMTP",
      "client_address=192.0.2.10",
      "client_name=client.example",
      "client_port=50123",
      "reverse_client_name=client.example",
      "server_address=127.0.0.1",
      "server_port=587",
      "helo_name=client.example",
      "sender=news@shop.example",
      "recipient=someone@example.org",
      "recipient_count=0",
      "queue_id=",
      `instance=${n.toString(16)}.6571a2b3.4c5d6.0`,
      "size=4096",
      "etrn_domain=",
      "stress=",
      "sasl_method=PLAIN",
      `sasl_username=policy-user-${user}`,
      "sasl_sender=",
      "ccert_subject=",
      "ccert_issuer=",
      "ccert_fingerprint=",
      "ccert_pubkey_fingerprint=",
      "encryption_protocol=TLSv1.3",
      "encryption_cipher=TLS_AES_256_GCM_SHA384",
      "encryption_keysize=256",
      "policy_context=",
      "compatibility_level=3.6",
      "mail_version=3.7.11",
      "",
    ].join("\n") + "\n"
  );
};

const db = await startTestDatabase();
let service: ChildProcess | undefined;
let floor: ChildProcess | undefined;
try {
  say(
    `embedded Postgres ready; seeding ${POLICY_USERS} SMTP users, every ${BLOCKED_EVERY}th blocked (load average ${load()})`,
  );
  await seedPolicyBench(db.url, REPORT_LINK_KEY);
  const servicePort = await freePort();
  const floorPort = await freePort();
  service = await start("scripts/policy-service.ts", {
    DATABASE_URL: db.url,
    REPORT_LINK_KEY,
    POLICY_PORT: String(servicePort),
    PUBLIC_BASE_URL: "https://reports.example.net",
  });
  floor = await start("scripts/bench-policy/floor-server.ts", { POLICY_PORT: String(floorPort) });
  say(`policy service on ${servicePort} (pid ${service.pid}), floor on ${floorPort} (pid ${floor.pid})`);
  const run = (label: string, port: number, duration: number, build = request) =>
    runPolicyLoad({ label, port, connections, seconds: duration, request: build });

  say("warming up (3 s each)");
  await run("warm-up", floorPort, 3);
  await run("warm-up", servicePort, 3);
  const stats = new pg.Client({ connectionString: db.url });
  await stats.connect();
  const updates = async () =>
    Number(
      (await stats.query<{ n: string }>("SELECT n_tup_upd AS n FROM pg_stat_user_tables WHERE relname = 'block'"))
        .rows[0]!.n,
    );
  const loadBefore = load();

  say(`measuring the floor (DUNNO to everything, no lookup): ${seconds} s, ${connections} connections`);
  const floorResult = await run("floor: the same server answering DUNNO to everything, no lookup", floorPort, seconds);
  say(`  ${floorResult.perSecond.toFixed(0)} requests/s, p99 ${floorResult.latencyMs.p99.toFixed(2)} ms`);
  const commits = async () =>
    Number(
      (
        await stats.query<{ n: string }>(
          "SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()",
        )
      ).rows[0]!.n,
    );
  const updatesBefore = await updates();
  const commitsBefore = await commits();
  say(`measuring the policy service: ${seconds} s, ${connections} connections`);
  const serviceResult = await run(
    "policy service: lookup by sasl_username + sender, every 10th refused and counted",
    servicePort,
    seconds,
  );
  say(
    `  ${serviceResult.perSecond.toFixed(0)} requests/s, p99 ${serviceResult.latencyMs.p99.toFixed(2)} ms, answers ${JSON.stringify(serviceResult.answers)}`,
  );
  // The last coalesced write comes within a second; an idle backend reports its statistics within 10 s.
  const settle = () => new Promise((resolve) => setTimeout(resolve, 12_000));
  await settle();
  const blockWrites = (await updates()) - updatesBefore;
  const transactions = (await commits()) - commitsBefore;
  say(
    `  ${transactions} transactions (${(serviceResult.requests / transactions).toFixed(1)} requests each), ${blockWrites} block updates`,
  );

  // A flood: one blocked login sending as fast as 32 connections allow.
  say(`measuring a flood from one blocked login: ${seconds} s, ${connections} connections`);
  const floodUpdatesBefore = await updates();
  const flood = await run(
    "policy service: a flood from one blocked login, every message refused and counted",
    servicePort,
    seconds,
    (n) => request(n, BLOCKED_EVERY),
  );
  await settle();
  const floodWrites = (await updates()) - floodUpdatesBefore;
  const floodBlock = (
    await stats.query<{ attempt_count: number }>(
      "SELECT b.attempt_count FROM block b JOIN smtp_user u ON u.id = b.smtp_user_id WHERE u.username = $1",
      [`policy-user-${BLOCKED_EVERY}`],
    )
  ).rows[0]!;
  say(
    `  ${flood.perSecond.toFixed(0)} requests/s, p99 ${flood.latencyMs.p99.toFixed(2)} ms, ${floodWrites} block updates, attempt count now ${floodBlock.attempt_count}`,
  );
  await stats.end();
  if (service.exitCode !== null || floor.exitCode !== null)
    throw new Error("a server died during the run; results discarded");

  const ratio = serviceResult.perSecond / floorResult.perSecond;
  const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  const row = (r: PolicyLoadResult) =>
    `| ${r.label} | ${r.connections} | ${r.seconds.toFixed(1)} s | ${num(r.requests)} | **${num(r.perSecond)}** | ${r.latencyMs.p50.toFixed(2)} | ${r.latencyMs.p90.toFixed(2)} | ${r.latencyMs.p99.toFixed(2)} | ${r.latencyMs.max.toFixed(1)} | ${r.errors} |`;
  const refused = serviceResult.answers["550"] ?? 0;
  const section = `## Postfix policy service (\`npm run bench:policy\`)

Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC at commit \`${commit}\`; ${os.cpus().length} × ${os.cpus()[0]?.model.split(" ").slice(0, 2).join(" ") ?? "CPU"}, Node ${process.version};
load average ${loadBefore} before the measurements, ${load()} after (other processes share this machine).

| measurement | connections | duration | requests | per second | p50 ms | p90 ms | p99 ms | max ms | errors |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${row(serviceResult)}
${row(flood)}
${row(floorResult)}

| target | measured | |
| --- | --- | --- |
${targetRow("policy service ≥ 0.5 × the floor", `${ratio.toFixed(2)} × (${num(serviceResult.perSecond)} vs ${num(floorResult.perSecond)} requests/s)`, ratio >= 0.5)}
${targetRow("p99 < 5 ms", `${serviceResult.latencyMs.p99.toFixed(2)} ms`, serviceResult.latencyMs.p99 < 5)}

The floor's own p99 was ${floorResult.latencyMs.p99.toFixed(2)} ms in the same run: at this machine's load (see above), process
scheduling sets the tail of both, not the lookups.

In the first run the policy service refused ${num(refused)} messages of ${num(POLICY_USERS / BLOCKED_EVERY)} blocked logins and
counted every one against its block: ${num(blockWrites)} row updates (pg_stat_user_tables), in one
transaction a second (lib/policy/attempt-counter.ts). In the flood, ${num(flood.answers["550"] ?? 0)} refused messages
from one login cost ${num(floodWrites)} row updates (one a second): counts are added up in memory
(the block's attempt count is ${num(floodBlock.attempt_count)} now, escalation capped at level 10), and the
answer itself is remembered until the block changes (lib/policy/open-senders.ts).

How: a throwaway embedded Postgres with one account, ${num(POLICY_USERS)} SMTP users and every
${BLOCKED_EVERY}th blocked (a sealed link each); \`scripts/policy-service.ts\` and the floor each in
its own process; ${connections} policy clients in the benchmark process, each as one Postfix smtpd
process uses its connection: a full Postfix 3.7 request (32 attributes), wait for the answer,
the next. The floor is the same server and protocol code (lib/policy/policy-server.ts) with a
decision that answers DUNNO at once. The service answers logins with no open block from memory
(lib/policy/open-senders.ts) and looks the others up, those arriving in the same turn of the
event loop with one prepared statement (lib/data/blocks/status-batcher.ts), as the HTTP status
check does. The load generator and Postgres share the same two cores with the servers.`;
  writeBenchmarkSection("BENCHMARKS.md", "policy", section);
  say("wrote the bench:policy section of BENCHMARKS.md");
  console.log(`\n${section}\n`);
} finally {
  await stop(service);
  await stop(floor);
  await db.stop();
}
process.exit(0);
