import path from "node:path";

/**
 * How the production build is served (scripts/serve.ts): by `npm start`, by the e2e
 * suite and by `npm run bench:report`, so all three run the same thing. The react-server
 * condition lets lib modules that `import "server-only"` load outside Next's bundles;
 * Next's own bundles do not depend on it.
 */
export function frontServerCommand(options: { port: number; hostname?: string }): { command: string; args: string[] } {
  return {
    command: process.execPath,
    args: [
      "--conditions=react-server",
      "--import",
      "tsx",
      path.resolve("scripts/serve.ts"),
      "--port",
      String(options.port),
      ...(options.hostname ? ["--hostname", options.hostname] : []),
    ],
  };
}
