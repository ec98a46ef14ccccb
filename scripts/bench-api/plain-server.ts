// For comparison (bench:api): the relay API's front-server fast path
// (lib/api/relay-fast-path.ts, the same functions as the route handlers) on a bare
// node:http server, with nothing behind it. The gap between this and the route under
// `next start` is the share of Next's request handling.
import { createServer } from "node:http";

const { serveRelayApi } = await import("@/lib/api/relay-fast-path");
const port = Number(process.argv[2]);

createServer((request, response) => {
  serveRelayApi(request, response)
    .then((handled) => handled || response.writeHead(404).end())
    .catch(() => response.writeHead(500).end());
}).listen(port, "127.0.0.1", () => console.log("ready"));
