import { spawn } from "node:child_process";
import path from "node:path";

/** `next start` on the production build, in its own process group so stop() ends all of it. */
export async function startNextServer(options: { port: number; env: Record<string, string> }) {
  const child = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(options.port), "-H", "127.0.0.1"], {
    env: { ...process.env, ...options.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("next start did not become healthy within 60 s");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    pid: child.pid!,
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid!, "SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGKILL");
    },
  };
}

/** scripts/bench-api/plain-server.ts in its own process: the status check handler without Next. */
export async function startPlainServer(options: { port: number; env: Record<string, string> }) {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.resolve("scripts/bench-api/plain-server.ts"), String(options.port)], {
    env: { ...process.env, ...options.env, NODE_ENV: "production" },
    detached: true,
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
    child.once("exit", (code) => reject(new Error(`plain server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${options.port}`,
    stop: () => process.kill(-child.pid!, "SIGTERM"),
  };
}
