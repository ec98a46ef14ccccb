import { execFile, spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";
import { chmod, copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { randomBytes } from "node:crypto";

const run = promisify(execFile);
const POSTFIX = "/usr/sbin/postfix";
const SWAKS = "/usr/bin/swaks";

/**
 * Whether the real-MTA tests can run. Without Debian's postfix and swaks they are skipped
 * with a loud warning on a workstation; under CI=true that is a failure (.ci/run installs both).
 */
export function postfixAvailable(): boolean {
  const missing = [POSTFIX, SWAKS].filter((file) => !existsSync(file));
  if (missing.length === 0) return true;
  if (process.env.CI === "true")
    throw new Error(`${missing.join(" and ")} missing; .ci/run installs them (apt-get install -y postfix swaks)`);
  console.warn(
    `\n!!! ${missing.join(" and ")} not found: the Postfix tests are NOT running. Install them: apt-get install -y postfix swaks\n`,
  );
  return false;
}

async function waitForPort(port: number, timeoutMs: number, alive: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ port, host: "127.0.0.1" });
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (!alive() || Date.now() > deadline) throw new Error(`nothing listens on 127.0.0.1:${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface RunningPostfix {
  /** The SMTP port Postfix accepts mail on. */
  port: number;
  /** Everything Postfix logged (maillog_file = /dev/stdout). */
  log: () => string;
  stop: () => Promise<void>;
}

/*
 * A Postfix of its own, changing nothing system-wide: a private directory (conf/ with its
 * own main.cf and a copy of the system's master.cf, queue/, data/) under the temp folder,
 * every directory above it enterable by the postfix user, SMTP on a high port without
 * chroot, the log on stdout (no syslog), run in the foreground. Mail that passes the policy
 * check is relayed to `relayPort`.
 */
export async function startPostfix(options: {
  smtpPort: number;
  policyPort: number;
  relayPort: number;
}): Promise<RunningPostfix> {
  const dir = path.join(os.tmpdir(), `block-reports-postfix-${randomBytes(4).toString("hex")}`);
  for (const sub of ["conf", "queue", "data"]) await mkdir(path.join(dir, sub), { recursive: true });
  await chmod(dir, 0o755);
  await run("chown", ["postfix", path.join(dir, "data")]);
  await copyFile("/etc/postfix/master.cf", path.join(dir, "conf/master.cf"));
  const master = await readFile(path.join(dir, "conf/master.cf"), "utf8");
  const smtpLine = /^smtp(\s+)inet(\s+)n(\s+)-(\s+)\S+/m;
  if (!smtpLine.test(master)) throw new Error("no `smtp inet` line in /etc/postfix/master.cf");
  await writeFile(path.join(dir, "conf/master.cf"), master.replace(smtpLine, `${options.smtpPort}$1inet$2n$3-$4n`));
  await writeFile(
    path.join(dir, "conf/main.cf"),
    [
      "compatibility_level = 3.6",
      `queue_directory = ${dir}/queue`,
      `data_directory = ${dir}/data`,
      // Not the receiver's greeting name, or Postfix takes the relay for a loop back to itself.
      "myhostname = relay.postfix-test.invalid",
      "inet_interfaces = 127.0.0.1",
      "inet_protocols = ipv4",
      "mydestination =",
      "alias_maps =",
      "alias_database =",
      `relayhost = [127.0.0.1]:${options.relayPort}`,
      "mynetworks = 127.0.0.0/8",
      "maillog_file = /dev/stdout",
      // What README.md tells a relay operator to add (the policy service first).
      `smtpd_recipient_restrictions = check_policy_service inet:127.0.0.1:${options.policyPort}, permit_mynetworks, reject`,
      "",
    ].join("\n"),
  );

  // Postfix opens /dev/stdout itself (maillog_file), which fails on the socket pair a Node
  // "pipe" is: its stdout is a file instead.
  const logFile = path.join(dir, "postfix.log");
  const out = openSync(logFile, "a");
  const child: ChildProcess = spawn(POSTFIX, ["-c", path.join(dir, "conf"), "start-fg"], {
    stdio: ["ignore", out, out],
  });
  closeSync(out);
  let finalLog: string | undefined;
  const log = () => finalLog ?? readFileSync(logFile, "utf8");
  const alive = () => child.exitCode === null;
  try {
    await waitForPort(options.smtpPort, 30_000, alive);
  } catch (error) {
    const text = log();
    await run(POSTFIX, ["-c", path.join(dir, "conf"), "stop"]).catch(() => {});
    await rm(dir, { recursive: true, force: true });
    throw new Error(`Postfix did not start: ${(error as Error).message}\n${text}`);
  }
  return {
    port: options.smtpPort,
    log,
    async stop() {
      // A signal to the `postfix` command does not reach master; `postfix stop` does.
      await run(POSTFIX, ["-c", path.join(dir, "conf"), "stop"]).catch(() => {});
      if (alive()) await new Promise((resolve) => child.once("exit", resolve));
      finalLog = log();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** One message through swaks; resolves with its transcript whatever the server answered. */
export async function swaks(options: { port: number; from: string; to: string; subject: string }): Promise<string> {
  const args = [
    "--server",
    `127.0.0.1:${options.port}`,
    "--from",
    options.from,
    "--to",
    options.to,
    "--header",
    `Subject: ${options.subject}`,
    "--body",
    "Hello from the relay test.",
    "--timeout",
    "30",
  ];
  try {
    const { stdout, stderr } = await run(SWAKS, args);
    return stdout + stderr;
  } catch (error) {
    // swaks exits non-zero when the server refuses; the transcript is what the test reads.
    const failed = error as { stdout?: string; stderr?: string };
    return (failed.stdout ?? "") + (failed.stderr ?? "");
  }
}
