import { connect, type AddressInfo, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createPolicyServer, type PolicyServer, type PolicyServerOptions } from "@/lib/policy/policy-server";

// Connection handling alone: the decision is injected (no database), the sockets are real TCP.

const logged: { fields: Record<string, unknown>; message: string }[] = [];
const log = {
  info: () => {},
  warn: (fields: Record<string, unknown>, message: string) => void logged.push({ fields, message }),
  error: () => {},
} as unknown as NonNullable<PolicyServerOptions["log"]>;

let policy: PolicyServer | undefined;
const open: Socket[] = [];
afterEach(async () => {
  for (const socket of open.splice(0)) socket.destroy();
  await policy?.close();
  policy = undefined;
  logged.length = 0;
});

async function start(options: Partial<PolicyServerOptions> & { answer?: (sender: string) => string }) {
  let decided = 0;
  policy = createPolicyServer({
    onError: "defer",
    counter: null,
    log,
    decide: async (request) => {
      decided += 1;
      return { action: options.answer ? options.answer(request.sender ?? "") : "DUNNO", block: null };
    },
    ...options,
  });
  const server = policy.server;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, decided: () => decided };
}

async function connectTo(port: number) {
  const socket = connect({ port, host: "127.0.0.1" });
  open.push(socket);
  socket.on("error", () => {});
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  let received = "";
  let closed = false;
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => (received += chunk));
  const whenClosed = new Promise<number>((resolve) => socket.once("close", () => resolve(Date.now())));
  void whenClosed.then(() => (closed = true));
  return {
    socket,
    whenClosed,
    closed: () => closed,
    answers: () => received.split("\n\n").slice(0, -1),
    async ask(sender: string) {
      const before = received.split("\n\n").length - 1;
      socket.write(request(sender));
      await expect.poll(() => received.split("\n\n").length - 1, { timeout: 5000, interval: 5 }).toBe(before + 1);
      return received.split("\n\n").at(-2);
    },
  };
}

const request = (sender: string) => `request=smtpd_access_policy\nsender=${sender}\n\n`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a client that pipelines requests and does not read the answers", () => {
  it("is no longer read from once answers back up, and gets every answer, in order, once it reads", async () => {
    // Long answers, so the kernel's socket buffers (a few MB while the client reads nothing) fill after a few thousand.
    const padding = "x".repeat(8000);
    const { port, decided } = await start({ answer: (sender) => `DUNNO ${sender} ${padding}` });
    const client = await connectTo(port);
    client.socket.removeAllListeners("data");
    client.socket.pause();
    const total = 20_000;
    // Checks each answer as it comes, keeping only the unfinished one.
    let rest = "";
    let received = 0;
    let inOrder = true;
    client.socket.on("data", (chunk: string) => {
      const parts = (rest + chunk).split("\n\n");
      rest = parts.pop()!;
      for (const part of parts) {
        if (part !== `action=DUNNO s${received}@example.org ${padding}`) inOrder = false;
        received += 1;
      }
    });
    client.socket.pause();
    let text = "";
    for (let i = 0; i < total; i++) text += request(`s${i}@example.org`);
    client.socket.write(text);
    // Let the server read all it will.
    let last = -1;
    while (decided() !== last) {
      last = decided();
      await sleep(300);
    }
    expect(decided()).toBeLessThan(total / 2);
    client.socket.resume();
    await expect.poll(() => received, { timeout: 30_000, interval: 50 }).toBe(total);
    expect(inOrder).toBe(true);
    expect(rest).toBe("");
    expect(decided()).toBe(total);
  });
});

describe("connection limits", () => {
  it("closes at once a connection past the per-address cap, logging once, while the others still get answers", async () => {
    const { port } = await start({ maxConnectionsPerClient: 3 });
    const clients = [await connectTo(port), await connectTo(port), await connectTo(port)];
    const extra = await connectTo(port);
    const closedAt = await extra.whenClosed;
    expect(closedAt).toBeGreaterThan(0);
    const another = await connectTo(port);
    await another.whenClosed;
    for (const client of clients) expect(await client.ask("a@example.org")).toBe("action=DUNNO");
    expect(logged.filter((line) => line.fields.event === "policy_connection_refused")).toHaveLength(1);
    // One closes: room for one more.
    clients[0]!.socket.destroy();
    await clients[0]!.whenClosed;
    await sleep(50);
    const replacement = await connectTo(port);
    expect(await replacement.ask("b@example.org")).toBe("action=DUNNO");
  });

  it("closes at once a connection past the total cap", async () => {
    const { port } = await start({ maxConnections: 2 });
    const clients = [await connectTo(port), await connectTo(port)];
    const extra = await connectTo(port);
    await extra.whenClosed;
    for (const client of clients) expect(await client.ask("a@example.org")).toBe("action=DUNNO");
    expect(logged.filter((line) => line.fields.event === "policy_connection_refused")).toHaveLength(1);
  });
});

describe("timeouts", () => {
  it("closes a connection that stops halfway through a request, or sends nothing, after the request timeout", async () => {
    const { port } = await start({ requestTimeoutMs: 300, idleTimeoutMs: 60_000 });
    const half = await connectTo(port);
    const silent = await connectTo(port);
    const started = Date.now();
    half.socket.write("request=smtpd_access_policy\nsender=a@exa");
    expect((await half.whenClosed) - started).toBeGreaterThanOrEqual(250);
    expect((await silent.whenClosed) - started).toBeGreaterThanOrEqual(250);
    expect(logged.filter((line) => line.fields.event === "policy_request_timeout")).toHaveLength(2);
  });

  it("keeps a connection idle between whole requests open past the request timeout, and times out a later partial one", async () => {
    const { port } = await start({ requestTimeoutMs: 200, idleTimeoutMs: 60_000 });
    const client = await connectTo(port);
    expect(await client.ask("a@example.org")).toBe("action=DUNNO");
    await sleep(500);
    expect(client.closed()).toBe(false);
    expect(await client.ask("b@example.org")).toBe("action=DUNNO");
    const started = Date.now();
    client.socket.write("request=smtpd_access_policy\n");
    expect((await client.whenClosed) - started).toBeGreaterThanOrEqual(150);
  });
});
