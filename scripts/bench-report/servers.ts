import { spawn } from "node:child_process";

export interface RunningServer {
  url: string;
  pid: number;
  alive: () => boolean;
  stop: () => Promise<void>;
}

interface StartOptions {
  command: string;
  args: string[];
  port: number;
  env?: Record<string, string>;
  cwd?: string;
  /** Polled until it answers 200. */
  readyPath: string;
  timeoutMs?: number;
}

/**
 * Starts a server as its own process group (so stop() also ends whatever it spawns) and
 * waits until `readyPath` answers. Its stderr is shown; stdout is not (request logs).
 */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${options.port}`;
  const alive = () => child.exitCode === null && child.signalCode === null;
  const stop = async () => {
    if (!alive()) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid!, "SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (alive()) process.kill(-child.pid!, "SIGKILL");
  };
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (!alive()) throw new Error(`${options.args.join(" ")} exited with ${child.exitCode ?? child.signalCode}`);
    try {
      if ((await fetch(url + options.readyPath)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server on port ${options.port} did not become ready`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, pid: child.pid!, alive, stop };
}
