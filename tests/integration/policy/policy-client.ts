import { connect, type Socket } from "node:net";

/** A policy request as Postfix sends it (the attributes a test cares about, the rest fixed). */
export function policyRequest(attributes: Record<string, string>): string {
  const all = {
    request: "smtpd_access_policy",
    protocol_state: "RCPT",
    protocol_name: "ESMTP",
    client_address: "127.0.0.1",
    client_name: "localhost",
    helo_name: "client.example",
    queue_id: "",
    recipient: "someone@example.org",
    recipient_count: "0",
    sasl_method: "",
    sasl_username: "",
    sender: "",
    instance: `${Math.random()}`,
    ...attributes,
  };
  return `${Object.entries(all)
    .map(([name, value]) => `${name}=${value}`)
    .join("\n")}\n\n`;
}

/** One connection to a policy server; `ask` sends raw text and resolves with the next `n` answers. */
export async function policyConnection(port: number) {
  const socket: Socket = connect({ port, host: "127.0.0.1" });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  socket.setEncoding("utf8");
  let received = "";
  const waiting: { n: number; resolve: (answers: string[]) => void }[] = [];
  let closed = false;
  const closeWaiters: (() => void)[] = [];
  const settle = () => {
    while (waiting.length) {
      const answers = received.split("\n\n").slice(0, -1);
      if (answers.length < waiting[0]!.n) return;
      const { n, resolve } = waiting.shift()!;
      received =
        answers
          .slice(n)
          .map((a) => `${a}\n\n`)
          .join("") + received.split("\n\n").at(-1);
      resolve(answers.slice(0, n));
    }
  };
  socket.on("data", (chunk: string) => {
    received += chunk;
    settle();
  });
  socket.on("error", () => {});
  socket.on("close", () => {
    closed = true;
    for (const resolve of closeWaiters) resolve();
  });
  return {
    ask(text: string, n = 1): Promise<string[]> {
      return new Promise((resolve) => {
        waiting.push({ n, resolve });
        socket.write(text);
        settle();
      });
    },
    write: (text: string) => socket.write(text),
    /** Resolves when the server closes the connection. */
    closedByServer: () => new Promise<void>((resolve) => (closed ? resolve() : closeWaiters.push(resolve))),
    end: () => socket.destroy(),
  };
}
