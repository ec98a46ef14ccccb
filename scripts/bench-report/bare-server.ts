// The comparison server of `npm run bench:report`: node:http answering every request with
// the same bytes, read from a file once and kept in memory. No routing, no database, no
// nonce: the most any Node server can do with this page on this machine.
//   node scripts/bench-report/bare-server.ts <port> <file>
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const [port, file] = process.argv.slice(2);
const body = readFileSync(file!);
const headers = { "Content-Type": "text/html; charset=utf-8", "Content-Length": String(body.length) };

createServer((req, res) => {
  res.writeHead(200, headers);
  res.end(body);
}).listen(Number(port), "127.0.0.1");
