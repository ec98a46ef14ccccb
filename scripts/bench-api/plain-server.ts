// For comparison only (bench:api): the status check's own route handler, the GET export of
// app/api/v1/blocks/route.ts, served by a bare node:http server instead of Next. The gap
// between this and the same handler under `next start` is the framework's share.
import { createServer } from "node:http";

const { GET } = await import("@/app/api/v1/blocks/route");
const port = Number(process.argv[2]);
const noParams = { params: Promise.resolve({}) as Promise<Record<string, never>> };

createServer((request, response) => {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) if (typeof value === "string") headers.set(name, value);
  GET(new Request(`http://127.0.0.1:${port}${request.url}`, { headers }), noParams)
    .then(async (answer) => {
      response.writeHead(answer.status, Object.fromEntries(answer.headers));
      response.end(Buffer.from(await answer.arrayBuffer()));
    })
    .catch(() => response.writeHead(500).end());
}).listen(port, "127.0.0.1", () => console.log("ready"));
