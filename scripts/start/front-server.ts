import path from "node:path";
import { SERVE_BUNDLE } from "./build";

/**
 * How the production build is served (scripts/serve.ts, compiled by ensureBuild): by `npm
 * start`, by the e2e suite and by the benchmarks, so all of them run the same thing. The
 * react-server condition lets lib modules that `import "server-only"` load outside Next's
 * bundles; Next's own bundles do not depend on it.
 *
 * --heap-growing-percent=30: V8 collects the old generation when it has grown 30 % past what
 * was live after the last full collection, instead of letting it grow to up to four times
 * that on a machine with memory to spare. Page renders leave garbage there (the pages of
 * bench:history left the server at 345-365 MB, 255-277 MB with it, at the same CPU per
 * page); it is a soft target, not a limit, so no heap size can crash the server.
 */
export function frontServerCommand(options: { port: number; hostname?: string }): { command: string; args: string[] } {
  return {
    command: process.execPath,
    args: [
      "--conditions=react-server",
      "--heap-growing-percent=30",
      path.resolve(SERVE_BUNDLE),
      "--port",
      String(options.port),
      ...(options.hostname ? ["--hostname", options.hostname] : []),
    ],
  };
}
