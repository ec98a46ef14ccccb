import path from "node:path";
import { SERVE_BUNDLE } from "./build";

/**
 * How the production build is served (scripts/serve.ts, compiled by ensureBuild): by `npm
 * start`, by the e2e suite and by the benchmarks, so all of them run the same thing. The
 * react-server condition lets lib modules that `import "server-only"` load outside Next's
 * bundles; Next's own bundles do not depend on it.
 *
 * No V8 heap flags: --heap-growing-percent=30 (a full collection whenever the old generation
 * is 30 % past its live size) kept the server about 90 MB smaller after the pages of
 * bench:history, but under bench:report's 32 connections it cost each cached report view
 * 548 µs of server CPU instead of 178 µs (990 instead of 3,962 views/s) and each rendered
 * view 30 ms instead of 21 ms. --max-old-space-size=256 brought the idle server from about
 * 315 to 229 MB on a 24 GB machine (V8 sizes its heap from the machine's memory) with page
 * times unchanged, but a fixed limit turns a burst of large renders into a crash instead of a
 * larger heap, and 192 MB with a smaller young generation measured no lower (241 MB: glibc's
 * arenas vary by tens of MB): an operator who wants a bound sets NODE_OPTIONS for their host.
 */
export function frontServerCommand(options: { port: number; hostname?: string }): { command: string; args: string[] } {
  return {
    command: process.execPath,
    args: [
      "--conditions=react-server",
      path.resolve(SERVE_BUNDLE),
      "--port",
      String(options.port),
      ...(options.hostname ? ["--hostname", options.hostname] : []),
    ],
  };
}
