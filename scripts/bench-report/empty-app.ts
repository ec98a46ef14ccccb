import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startServer, type RunningServer } from "./servers";

/*
 * The baseline for the JavaScript comparison: an App Router app with one page that returns
 * <p>empty</p>, built by the same Next.js installation (node_modules is a symlink to ours).
 * Turbopack refuses files outside its root, and the symlink leads out of the temp folder,
 * so the root is widened to "/".
 */
const FILES: Record<string, string> = {
  "package.json": JSON.stringify({ private: true, type: "module" }),
  "next.config.mjs": `export default { turbopack: { root: "/" } };\n`,
  "app/layout.jsx": `export default function RootLayout({ children }) {\n  return <html lang="en"><body>{children}</body></html>;\n}\n`,
  "app/page.jsx": `export default function Page() {\n  return <p>empty</p>;\n}\n`,
};

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" } });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(" ")} exited with ${code}`))));
  });
}

/** Builds the empty app in a temp folder and serves it with `next start`; stop() removes it again. */
export async function startEmptyApp(port: number): Promise<RunningServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "block-reports-empty-app-"));
  try {
    await mkdir(path.join(dir, "app"));
    for (const [file, content] of Object.entries(FILES)) await writeFile(path.join(dir, file), content);
    await symlink(path.resolve("node_modules"), path.join(dir, "node_modules"), "dir");
    const nextBin = path.join(dir, "node_modules/next/dist/bin/next");
    await run(process.execPath, [nextBin, "build"], dir);
    const server = await startServer({ command: process.execPath, args: [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], port, cwd: dir, readyPath: "/", env: { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" } });
    return { ...server, stop: async () => { await server.stop(); await rm(dir, { recursive: true, force: true }); } };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
