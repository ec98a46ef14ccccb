import { spawn } from "node:child_process";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/blocks/route";
import { getDb } from "@/lib/db/client";
import { liftBlock, reinstateBlock } from "@/lib/data/blocks";
import { AttemptCounter } from "@/lib/policy/attempt-counter";
import { OpenSenders } from "@/lib/policy/open-senders";
import { createPolicyServer, type PolicyServer } from "@/lib/policy/policy-server";
import { freePort } from "../../support/embedded-db";
import { apiRequest, createBlockBody, createTestKey, noParams } from "../api/api-support";
import { policyConnection, policyRequest } from "./policy-client";

let key: string;
let keyId: string;
let policy: PolicyServer;
let port: number;
const logged: { level: string; fields: Record<string, unknown>; message: string }[] = [];
const log = {
  info: (fields: Record<string, unknown>, message: string) => void logged.push({ level: "info", fields, message }),
  warn: (fields: Record<string, unknown>, message: string) => void logged.push({ level: "warn", fields, message }),
  error: (fields: Record<string, unknown>, message: string) => void logged.push({ level: "error", fields, message }),
} as unknown as NonNullable<Parameters<typeof createPolicyServer>[0]["log"]>;

beforeAll(async () => {
  ({ key, id: keyId } = await createTestKey());
  // A long interval: the tests flush by hand, so a slow machine cannot split one flood into two writes.
  // Every client here is on loopback: caps above the thousand connections of one test.
  policy = createPolicyServer({
    onError: "defer",
    counter: new AttemptCounter(60_000),
    log,
    maxConnections: 2000,
    maxConnectionsPerClient: 2000,
  });
  await new Promise<void>((resolve) => policy.server.listen(0, "127.0.0.1", resolve));
  port = (policy.server.address() as AddressInfo).port;
});
afterAll(() => policy.close());

async function blockSender(overrides: Record<string, unknown> = {}) {
  const body = await createBlockBody(overrides);
  const json = await (await POST(apiRequest("/api/v1/blocks", { method: "POST", key, body }), noParams)).json();
  return { body, id: json.id as string, reportUrl: json.reportUrl as string };
}

const blockRow = (publicId: string) => getDb().block.findUniqueOrThrow({ where: { publicId } });

describe("the policy service answers Postfix", () => {
  it("refuses a blocked SMTP user's mail with the exact reply and link, and says DUNNO otherwise, several requests per connection", async () => {
    const whole = await blockSender();
    const one = await blockSender({ senderAddress: "promo@shop.example" });
    const connection = await policyConnection(port);
    const answers = await connection.ask(
      policyRequest({ sasl_username: whole.body.smtpUser.username, sender: "anyone@shop.example" }) +
        policyRequest({ sasl_username: one.body.smtpUser.username, sender: "PROMO@shop.example" }) +
        policyRequest({ sasl_username: one.body.smtpUser.username, sender: "billing@shop.example" }) +
        policyRequest({ sasl_username: "nobody-we-know", sender: "x@example.org" }),
      4,
    );
    expect(answers).toEqual([
      `action=550 5.7.1 [ABUSE] Sender blocked: spam or abuse detected. See: ${whole.reportUrl}`,
      `action=550 5.7.1 [ABUSE] Sender blocked: spam or abuse detected. See: ${one.reportUrl}`,
      "action=DUNNO",
      "action=DUNNO",
    ]);
    // Still the same connection: one more request, after the first four were answered.
    expect(await connection.ask(policyRequest({ sasl_username: whole.body.smtpUser.username, sender: "" }))).toEqual([
      answers[0],
    ]);
    connection.end();
  });

  it("matches a client without an SMTP login by its envelope sender alone", async () => {
    const address = `solo-${Date.now()}@shop.example`;
    const byAddress = await blockSender({ senderAddress: address });
    const whole = await blockSender();
    const connection = await policyConnection(port);
    expect(await connection.ask(policyRequest({ sender: address.toUpperCase() }))).toEqual([
      `action=550 5.7.1 [ABUSE] Sender blocked: spam or abuse detected. See: ${byAddress.reportUrl}`,
    ]);
    // A whole-user block needs the login to apply; the null sender without one is not looked up.
    expect(
      await connection.ask(
        policyRequest({ sender: `x@${whole.body.smtpUser.username}.example` }) + policyRequest({ sender: "" }),
        2,
      ),
    ).toEqual(["action=DUNNO", "action=DUNNO"]);
    connection.end();
  });

  it("accepts again once the block is lifted", async () => {
    const blocked = await blockSender();
    const connection = await policyConnection(port);
    const request = policyRequest({ sasl_username: blocked.body.smtpUser.username, sender: "a@shop.example" });
    expect((await connection.ask(request))[0]).toMatch(/^action=550 5\.7\.1 /);
    await liftBlock({ publicId: blocked.id, reason: "Cleaned up the list.", actor: { type: "RELAY", id: keyId } });
    expect(await connection.ask(request)).toEqual(["action=DUNNO"]);
    connection.end();
  });

  it("counts refused messages through recordAttempts, coalesced into one write per block, and escalates", async () => {
    const blocked = await blockSender({ expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    const request = (instance: string, recipient = "r@example.org") =>
      policyRequest({ sasl_username: blocked.body.smtpUser.username, sender: "a@shop.example", instance, recipient });
    await policy.counter!.flush();
    const writesBefore = policy.counter!.writes;
    const connections = await Promise.all(Array.from({ length: 4 }, () => policyConnection(port)));
    // 4 × 30 messages, each to 3 recipients (3 requests with one instance): 120 attempts, 360 requests.
    await Promise.all(
      connections.map((connection, c) =>
        connection.ask(
          Array.from({ length: 30 }, (_, m) =>
            [1, 2, 3].map((r) => request(`${c}.${m}`, `r${r}@example.org`)).join(""),
          ).join(""),
          90,
        ),
      ),
    );
    for (const connection of connections) connection.end();
    await policy.counter!.flush();
    const row = await blockRow(blocked.id);
    expect(row.attemptCount).toBe(120);
    expect(row.escalationLevel).toBe(5); // 1 + floor(120 / 25)
    expect(policy.counter!.writes - writesBefore).toBe(1);
    const events = await getDb().event.findMany({ where: { blockId: row.id, type: "ESCALATED" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: "SYSTEM", actorId: "policy-service" });
  });

  it("writes the counts of many blocks in one transaction, skipping a block lifted meanwhile", async () => {
    const [a, b, lifted] = await Promise.all([blockSender(), blockSender(), blockSender()]);
    const counter = new AttemptCounter(60_000);
    for (let i = 0; i < 30; i += 1) counter.add(a.id);
    for (let i = 0; i < 3; i += 1) counter.add(b.id);
    counter.add(lifted.id);
    counter.add("0123456789abcdef0123"); // gone
    await liftBlock({
      publicId: lifted.id,
      reason: "Lifted while counts were pending.",
      actor: { type: "RELAY", id: keyId },
    });
    await counter.close();
    expect(counter.writes).toBe(1);
    expect(await blockRow(a.id)).toMatchObject({ attemptCount: 30, escalationLevel: 2 });
    expect(await blockRow(b.id)).toMatchObject({ attemptCount: 3, escalationLevel: 1 });
    expect(await blockRow(lifted.id)).toMatchObject({ attemptCount: 0, status: "LIFTED" });
  });

  it("writes pending counts by itself after its interval", async () => {
    const blocked = await blockSender();
    const counter = new AttemptCounter(50);
    for (let i = 0; i < 3; i += 1) counter.add(blocked.id);
    await expect.poll(async () => (await blockRow(blocked.id)).attemptCount, { timeout: 5000 }).toBe(3);
    expect(counter.writes).toBe(1);
    await counter.close();
  });

  it("logs and closes a connection that sends something else, and keeps serving", async () => {
    const cases: [string, RegExp][] = [
      ["this is not a policy request\n\n", /not name=value/],
      [`request=smtpd_access_policy\nsender=${"a".repeat(20_000)}`, /larger than 16 KiB/],
      ["request=something_else\nsender=a@b.example\n\n", /not smtpd_access_policy/],
      [Array.from({ length: 150 }, (_, i) => `x${i}=1`).join("\n") + "\n", /more than 100 attributes/],
    ];
    for (const [text, reason] of cases) {
      logged.length = 0;
      const connection = await policyConnection(port);
      connection.write(text);
      await connection.closedByServer();
      expect(logged.find((entry) => entry.level === "warn")?.message).toMatch(reason);
    }
    const connection = await policyConnection(port);
    expect(await connection.ask(policyRequest({ sasl_username: "nobody", sender: "a@b.example" }))).toEqual([
      "action=DUNNO",
    ]);
    connection.end();
  });

  it("serves a thousand connections at once", async () => {
    const blocked = await blockSender();
    const connections = await Promise.all(Array.from({ length: 1000 }, () => policyConnection(port)));
    const answers = await Promise.all(
      connections.map((connection, i) =>
        connection.ask(
          policyRequest({
            sasl_username: i % 10 === 0 ? blocked.body.smtpUser.username : `free-${i}`,
            sender: "a@shop.example",
          }),
        ),
      ),
    );
    for (const connection of connections) connection.end();
    expect(answers.filter(([a]) => a === "action=DUNNO")).toHaveLength(900);
    expect(
      answers.filter(
        ([a]) => a === `action=550 5.7.1 [ABUSE] Sender blocked: spam or abuse detected. See: ${blocked.reportUrl}`,
      ),
    ).toHaveLength(100);
  });
});

/** A policy server with the set of open senders (ready and caught up), for `run`, closed after it. */
async function withFilteredServer(run: (filteredPort: number, openSenders: OpenSenders) => Promise<void>) {
  const openSenders = new OpenSenders(process.env.DATABASE_URL!);
  openSenders.start();
  const filtered = createPolicyServer({ onError: "defer", counter: null, openSenders });
  await new Promise<void>((resolve) => filtered.server.listen(0, "127.0.0.1", resolve));
  try {
    await expect.poll(() => openSenders.ready, { timeout: 10_000 }).toBe(true);
    await openSenders.catchUp();
    await run((filtered.server.address() as AddressInfo).port, openSenders);
  } finally {
    await filtered.close();
  }
}

describe("with the set of senders that have open blocks", () => {
  it("looks up only logins and addresses with an open block, learns new blocks from their insert's notification, and forgets answers when blocks change", async () => {
    const beforeAddress = `before-${Date.now()}@shop.example`;
    const before = await blockSender({ senderAddress: beforeAddress });
    await withFilteredServer(async (filteredPort, openSenders) => {
      expect(openSenders.mayBlock(before.body.smtpUser.username, "x@y.example")).toBe(true);
      expect(openSenders.mayBlock("", beforeAddress.toUpperCase())).toBe(true);
      expect(openSenders.mayBlock("no-block-login", "x@y.example")).toBe(false);
      expect(openSenders.mayBlock("", "nobody@y.example")).toBe(false);

      // A block created now: the insert's notification adds it, with no call from here.
      const after = await blockSender();
      await expect
        .poll(() => openSenders.mayBlock(after.body.smtpUser.username, ""), { timeout: 5000, interval: 20 })
        .toBe(true);
      const connection = await policyConnection(filteredPort);
      expect(
        await connection.ask(
          policyRequest({ sasl_username: after.body.smtpUser.username, sender: "a@shop.example" }) +
            policyRequest({ sender: beforeAddress }) +
            policyRequest({ sasl_username: "no-block-login", sender: "a@shop.example" }),
          3,
        ),
      ).toEqual([
        `action=550 5.7.1 [ABUSE] Sender blocked: spam or abuse detected. See: ${after.reportUrl}`,
        `action=550 5.7.1 [ABUSE] Sender blocked: spam or abuse detected. See: ${before.reportUrl}`,
        "action=DUNNO",
      ]);

      // The blocked sender's answer is remembered (no query for the next messages) until the
      // block changes: its lift notifies, and the next message is accepted.
      expect(openSenders.remembered(after.body.smtpUser.username, "a@shop.example")?.[0]?.id).toBe(after.id);
      await liftBlock({ publicId: after.id, reason: "Lifted while remembered.", actor: { type: "RELAY", id: keyId } });
      await expect
        .poll(() => openSenders.remembered(after.body.smtpUser.username, "a@shop.example"), {
          timeout: 5000,
          interval: 20,
        })
        .toBeUndefined();
      expect(
        await connection.ask(policyRequest({ sasl_username: after.body.smtpUser.username, sender: "a@shop.example" })),
      ).toEqual(["action=DUNNO"]);
      connection.end();
    });
  });

  it("learns of a lifted block put back in force (an admin reversed the approval) from its update's notification", async () => {
    const lifted = await blockSender();
    await liftBlock({ publicId: lifted.id, reason: "Approved on review.", actor: { type: "RELAY", id: keyId } });
    const openSenders = new OpenSenders(process.env.DATABASE_URL!);
    openSenders.start();
    try {
      await expect.poll(() => openSenders.ready, { timeout: 10_000 }).toBe(true);
      expect(openSenders.mayBlock(lifted.body.smtpUser.username, "")).toBe(false);
      await reinstateBlock({ publicId: lifted.id, actor: { type: "SYSTEM", id: "policy-test" } });
      await expect
        .poll(() => openSenders.mayBlock(lifted.body.smtpUser.username, ""), { timeout: 5000, interval: 20 })
        .toBe(true);
    } finally {
      await openSenders.stop();
    }
  });

  it("looks every sender up while the database cannot be reached", async () => {
    const openSenders = new OpenSenders(`postgres://nobody:nothing@127.0.0.1:${await freePort()}/none`);
    openSenders.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(openSenders.ready).toBe(false);
    expect(openSenders.mayBlock("anyone", "a@b.example")).toBe(true);
    await openSenders.stop();
  });
});

/** `npm run policy-service` itself, as an operator runs it. */
async function runService(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/policy-service.ts"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 30_000;
  while (!output.includes("ready on")) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`policy service did not start: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    output: () => output,
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

describe("npm run policy-service", () => {
  it("listens on POLICY_HOST:POLICY_PORT and answers from DATABASE_URL", async () => {
    const blocked = await blockSender();
    const servicePort = await freePort();
    const service = await runService({ POLICY_PORT: String(servicePort), POLICY_HOST: "127.0.0.1" });
    try {
      expect(service.output()).toContain(`ready on 127.0.0.1:${servicePort}`);
      const connection = await policyConnection(servicePort);
      expect(
        await connection.ask(
          policyRequest({ sasl_username: blocked.body.smtpUser.username, sender: "a@shop.example" }),
        ),
      ).toEqual([`action=550 5.7.1 [ABUSE] Sender blocked: spam or abuse detected. See: ${blocked.reportUrl}`]);
      connection.end();
    } finally {
      await service.stop();
    }
  });

  for (const [setting, expected] of [
    [undefined, "action=451 4.3.0 Sender status temporarily unavailable; try again later"],
    ["dunno", "action=DUNNO"],
    ["defer", "action=451 4.3.0 Sender status temporarily unavailable; try again later"],
  ] as const) {
    it(`answers ${expected} when the database cannot be reached (POLICY_ON_ERROR=${setting ?? "unset"})`, async () => {
      const servicePort = await freePort();
      const deadDatabase = `postgres://nobody:nothing@127.0.0.1:${await freePort()}/none`;
      const service = await runService({
        POLICY_PORT: String(servicePort),
        DATABASE_URL: deadDatabase,
        ...(setting && { POLICY_ON_ERROR: setting }),
      });
      try {
        const connection = await policyConnection(servicePort);
        expect(
          await connection.ask(
            policyRequest({ sasl_username: "someone", sender: "a@shop.example" }) +
              policyRequest({ sender: "b@shop.example" }),
            2,
          ),
        ).toEqual([expected, expected]);
        connection.end();
      } finally {
        await service.stop();
      }
    });
  }
});

describe("sender addresses in other forms", () => {
  const refusal = (block: { reportUrl: string }) =>
    `action=550 5.7.1 [ABUSE] Sender blocked: spam or abuse detected. See: ${block.reportUrl}`;

  /** Asks both servers (with and without the set of open senders) the same requests. */
  async function askBoth(filteredPort: number, requests: Record<string, string>[]) {
    const text = requests.map((attributes) => policyRequest(attributes)).join("");
    const plain = await policyConnection(port);
    const filtered = await policyConnection(filteredPort);
    try {
      const answers = await plain.ask(text, requests.length);
      expect(await filtered.ask(text, requests.length)).toEqual(answers);
      return answers;
    } finally {
      plain.end();
      filtered.end();
    }
  }

  it("refuses senders with capitals that Postgres and JavaScript lowercase differently (İ, final Σ), with and without a login", async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const dotted = await blockSender({ senderAddress: `İnfo${tag}@acme-shop.example` });
    const sigma = await blockSender({ senderAddress: `${tag}-ΟΔΥΣ@acme-shop.example` });
    await withFilteredServer(async (filteredPort) => {
      expect(
        await askBoth(filteredPort, [
          { sender: `İnfo${tag}@acme-shop.example` },
          { sasl_username: dotted.body.smtpUser.username, sender: `İnfo${tag}@acme-shop.example` },
          { sender: `${tag}-ΟΔΥΣ@acme-shop.example` },
          { sasl_username: sigma.body.smtpUser.username, sender: `${tag}-ΟΔΥΣ@acme-shop.example` },
          { sender: `İnfo${tag}-other@acme-shop.example` },
        ]),
      ).toEqual([refusal(dotted), refusal(dotted), refusal(sigma), refusal(sigma), "action=DUNNO"]);
    });
  });

  it("matches a block's domain in its Unicode and punycode forms and with a trailing dot, and nothing else", async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const unicode = await blockSender({ senderAddress: `news${tag}@bücher.example` });
    const punycode = await blockSender({ senderAddress: `post${tag}@xn--bcher-kva.example` });
    const plain = await blockSender({ senderAddress: `promo${tag}@acme-shop.example` });
    // Created with a trailing dot: stored without it.
    const dotted = await blockSender({ senderAddress: `sale${tag}@acme-shop.example.` });
    expect((await blockRow(dotted.id)).senderAddress).toBe(`sale${tag}@acme-shop.example`);
    await withFilteredServer(async (filteredPort) => {
      expect(
        await askBoth(filteredPort, [
          { sender: `news${tag}@xn--bcher-kva.example` },
          { sender: `NEWS${tag}@XN--BCHER-KVA.EXAMPLE.` },
          { sender: `news${tag}@bücher.example.` },
          { sasl_username: unicode.body.smtpUser.username, sender: `news${tag}@xn--bcher-kva.example` },
          { sender: `post${tag}@bücher.example` },
          { sender: `post${tag}@BÜCHER.example` },
          { sasl_username: punycode.body.smtpUser.username, sender: `post${tag}@bücher.example` },
          { sender: `promo${tag}@acme-shop.example.` },
          { sasl_username: plain.body.smtpUser.username, sender: `promo${tag}@acme-shop.example.` },
          { sender: `sale${tag}@acme-shop.example` },
          { sender: `sale${tag}@acme-shop.example.` },
        ]),
      ).toEqual([
        refusal(unicode),
        refusal(unicode),
        refusal(unicode),
        refusal(unicode),
        refusal(punycode),
        refusal(punycode),
        refusal(punycode),
        refusal(plain),
        refusal(plain),
        refusal(dotted),
        refusal(dotted),
      ]);
      // Unrelated senders: other local parts, other domains, two dots, the domain as a subdomain.
      expect(
        await askBoth(filteredPort, [
          { sender: `other${tag}@bücher.example` },
          { sender: `news${tag}@bucher.example` },
          { sender: `news${tag}@xn--bcher-kva.example.com` },
          { sender: `news${tag}@sub.bücher.example` },
          { sender: `promo${tag}@acme-shop.example..` },
          { sender: `promo${tag}@acme-shop.examples` },
          { sender: `promo${tag}.@acme-shop.example` },
          { sender: `promo${tag}` },
        ]),
      ).toEqual(Array(8).fill("action=DUNNO"));
    });
  });
});
