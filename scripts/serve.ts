// Serves the production build: Next's own request handler behind a lean front server
// (lib/front-server) that answers the hottest requests — a report view whose page it has
// cached — without rendering. `npm start` runs this in place of `next start`; so do the
// e2e suite and `npm run bench:report`, so what is tested and measured is what is served.
// ensureBuild (scripts/start/build.ts) compiles it to .next/block-reports/serve.mjs, which runs as
//   node --conditions=react-server .next/block-reports/serve.mjs [--port 3000] [--hostname 127.0.0.1]
// (scripts/start/front-server.ts); `node --conditions=react-server --import tsx scripts/serve.ts`
// runs the source the same way.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { port: { type: "string" }, hostname: { type: "string" } } });
const port = Number(values.port ?? process.env.PORT ?? 3000);
if (!process.env.REPORT_LINK_KEY) {
  // Without it no block can be created (its link could not be sealed): refuse to start instead.
  console.error(
    "[serve] REPORT_LINK_KEY is not set (npm start generates one for a local run; in production set the same value on every instance)",
  );
  process.exit(1);
}
Object.assign(process.env, { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" });

// lib modules read the environment once, on import: load them only now.
const { default: next } = await import("next");
const { createFrontHandler } = await import("@/lib/front-server/front-handler");
const { answerWithoutUpgrade } = await import("@/lib/front-server/upgrade-requests");
const { refuseConnect } = await import("@/lib/front-server/request-guards");
const { FAST_PATHS } = await import("@/lib/front-server/fast-paths");
const { closePools } = await import("@/lib/db/pools");
const { disconnectDb } = await import("@/lib/db/client");
const { logger, routeConsoleToLogger } = await import("@/lib/log");
// Next's own messages (render errors, warnings) too: one JSON line per event.
routeConsoleToLogger();

// Next builds absolute request URLs for proxy.ts from hostname and port.
// Next's request handler adds its own "upgrade" listener to the server of the first request
// it sees (or to `httpServer`), which ends the connection of every upgrade request for a
// page: it gets a server that never listens, and upgrades are ours (upgrade-requests.ts).
const app = next({
  dev: false,
  dir: process.cwd(),
  hostname: values.hostname ?? "localhost",
  port,
  httpServer: createServer(),
});
await app.prepare();
const handle = createFrontHandler(app.getRequestHandler(), FAST_PATHS);

function serve(req: IncomingMessage, res: ServerResponse) {
  handle(req, res).catch((error: unknown) => {
    // Never the URL: report links carry their secret in it.
    logger.error({ err: error instanceof Error ? error.message : String(error) }, "request failed");
    if (!res.headersSent) res.writeHead(500).end();
    else res.destroy();
  });
}
const server = createServer(serve);
// `Connection: Upgrade` (WebSocket, h2c): answered as a plain request, not dropped (upgrade-requests.ts).
server.on("upgrade", answerWithoutUpgrade(serve));
// CONNECT never reaches a request handler: 405, not a dropped connection (request-guards.ts).
server.on("connect", refuseConnect);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  // Give open requests a moment, then go regardless: the caller may be waiting to stop Postgres.
  const timer = setTimeout(() => process.exit(0), 3000);
  timer.unref();
  server.close();
  server.closeIdleConnections();
  await Promise.allSettled([app.close(), closePools(), disconnectDb()]);
  process.exit(0);
}
// `on`, not `once`: a second signal (Ctrl-C reaches a whole process group, and npm passes
// it on too) must not fall back to the default action and kill us mid-stop.
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(signal, () => void stop());
// Whoever started us (npm start, a test run, a benchmark) died without stopping us: stop too.
const parentPid = process.ppid;
setInterval(() => {
  if (process.ppid !== parentPid) void stop();
}, 1000).unref();

// A port it cannot listen on (EADDRINUSE, EACCES) is a failed start: exit 1, not Next's
// uncaught-exception handler and code 0. Only until it listens.
const cannotListen = (error: Error) => {
  logger.error({ err: error.message }, "cannot listen");
  process.exit(1);
};
server.once("error", cannotListen);
// Without --hostname, every interface, as `next start` does.
server.listen(port, values.hostname, () => {
  server.off("error", cannotListen);
  logger.info({ url: `http://${values.hostname ?? "localhost"}:${port}` }, "serving");
});
