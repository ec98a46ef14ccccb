import net from "node:net";

/*
 * Database round trips counted on the wire: a TCP relay between the app and Postgres that
 * reads what the app sends. In the Postgres protocol a client waits for the server after a
 * simple Query ('Q') or after the Sync ('S') that ends an extended-protocol exchange
 * (Parse/Bind/Execute), so those two messages are exactly the round trips. The first
 * message of a connection (startup) has no type byte; every later one is a type byte and
 * a 32-bit length that includes itself.
 */
export interface WireCounter {
  port: number;
  roundTrips: () => number;
  close: () => Promise<void>;
}

function countRoundTrips(onRoundTrip: () => void) {
  let pending = Buffer.alloc(0);
  let startupSeen = false;
  return (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      const header = startupSeen ? 5 : 4;
      if (pending.length < header) return;
      const length = startupSeen ? pending.readUInt32BE(1) + 1 : pending.readUInt32BE(0);
      if (pending.length < length) return;
      if (startupSeen && (pending[0] === 0x51 || pending[0] === 0x53)) onRoundTrip();
      startupSeen = true;
      pending = pending.subarray(length);
    }
  };
}

/** Listens on a free local port and relays every connection to `target`. */
export async function startWireCounter(target: { host: string; port: number }): Promise<WireCounter> {
  let roundTrips = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on(
      "data",
      countRoundTrips(() => (roundTrips += 1)),
    );
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    roundTrips: () => roundTrips,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
