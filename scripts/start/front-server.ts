import path from "node:path";
import { SERVE_BUNDLE } from "./build";

/**
 * How the production build is served (scripts/serve.ts, compiled by ensureBuild): by `npm
 * start`, by the e2e suite and by the benchmarks, so all of them run the same thing. The
 * react-server condition lets lib modules that `import "server-only"` load outside Next's
 * bundles; Next's own bundles do not depend on it.
 *
 * No V8 heap or malloc settings: --heap-growing-percent=30 (a full collection whenever the old
 * generation is 30 % past its live size) kept the server about 90 MB smaller after the pages of
 * bench:history, but under bench:report's 32 connections it cost each cached report view
 * 548 µs of server CPU instead of 178 µs (990 instead of 3,962 views/s) and each rendered view
 * 30 ms instead of 21 ms. --max-old-space-size=1024 with MALLOC_ARENA_MAX=2 brought the server
 * after bench:history's pages and export from 418-425 to 252 MB, but cached report views fell
 * from 5,519 to 4,163 per second (V8 lets the heap grow less past its live size below a 2 GB
 * limit, so it collects more often); adding a 4 MB semi-space, one malloc arena and fixed
 * malloc thresholds gave 211 MB at 3,401 views/s. The README lists them for operators who
 * want memory more than throughput (NODE_OPTIONS and MALLOC_* for `npm start`); a fixed
 * limit also turns a burst of large renders into a crash instead of a larger heap.
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
