import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { forbiddenAddressReason, registrationRefusal, type Resolver } from "@/lib/webhooks/address-policy";
import { postWebhook } from "@/lib/webhooks/post-webhook";
import { redactUrlCredentials } from "@/lib/http/url-credentials";

const FORBIDDEN: [string, RegExp][] = [
  ["127.0.0.1", /loopback/],
  ["127.255.0.9", /loopback/],
  ["::1", /loopback/],
  ["10.0.0.1", /private/],
  ["172.16.5.4", /private/],
  ["192.168.1.1", /private/],
  ["100.64.0.1", /carrier-grade NAT/],
  ["fc00::1", /unique local/],
  ["fd12:3456::1", /unique local/],
  ["169.254.169.254", /link-local/],
  ["fe80::1", /link-local/],
  ["0.0.0.0", /unspecified/],
  ["::", /unspecified/],
  ["224.0.0.1", /multicast/],
  ["ff02::1", /multicast/],
  ["255.255.255.255", /broadcast/],
  ["240.0.0.1", /reserved/],
  ["192.0.2.10", /reserved/],
  ["2001:db8::1", /reserved/],
  ["::ffff:127.0.0.1", /loopback/],
  ["::ffff:169.254.169.254", /link-local/],
  ["::ffff:10.1.2.3", /private/],
  ["::7f00:1", /IPv4-compatible/],
  ["::127.0.0.1", /loopback|IPv4-compatible/],
  ["::5db8:d70e", /IPv4-compatible/],
  ["2002:7f00:1::", /reserved address \(6to4\)/],
  ["64:ff9b::7f00:1", /reserved/],
];

describe("which addresses a webhook may reach", () => {
  it.each(FORBIDDEN)("refuses %s", (address, why) => {
    expect(forbiddenAddressReason(address)).toMatch(why);
  });

  it.each(["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "::ffff:93.184.215.14"])(
    "allows the public address %s",
    (address) => {
      expect(forbiddenAddressReason(address)).toBeNull();
    },
  );
});

const resolverOf =
  (answers: Record<string, string[]>): Resolver =>
  async (host) => {
    const addresses = answers[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };

describe("the check at registration", () => {
  const off = {
    allowPrivate: false,
    resolve: resolverOf({
      "hooks.example.net": ["93.184.215.14"],
      "internal.example.net": ["93.184.215.14", "10.0.0.5"],
    }),
  };

  it.each([
    "http://127.0.0.1:8080/hook",
    "http://localhost:54329/",
    "http://LOCALHOST./x",
    "http://db.localhost/x",
    "http://169.254.169.254/latest/meta-data/",
    "http://0.0.0.0/",
    "http://[::1]/",
    "http://2130706433/",
    "http://0x7f.1/",
    "http://127.1/",
    "http://[::ffff:127.0.0.1]/",
    "http://[fe80::1]/",
    "http://[fd00::1]/",
    "http://100.100.100.100/",
    "https://192.168.0.10/",
  ])("refuses %s as written", async (url) => {
    expect(await registrationRefusal(new URL(url), off)).not.toBeNull();
  });

  it("refuses a name when any of its addresses is not public, and names the address", async () => {
    const refusal = await registrationRefusal(new URL("https://internal.example.net/hook"), off);
    expect(refusal?.message).toMatch(/internal\.example\.net resolves to 10\.0\.0\.5, a private network address/);
  });

  it("accepts public addresses, names resolving to them, and names that do not resolve (checked again at delivery)", async () => {
    expect(await registrationRefusal(new URL("https://hooks.example.net/hook"), off)).toBeNull();
    expect(await registrationRefusal(new URL("https://93.184.215.14/hook"), off)).toBeNull();
    expect(await registrationRefusal(new URL("https://[2606:4700:4700::1111]/hook"), off)).toBeNull();
    expect(await registrationRefusal(new URL("https://nowhere.example.net/hook"), off)).toBeNull();
  });

  it("allows everything with the local-development setting", async () => {
    expect(await registrationRefusal(new URL("http://127.0.0.1:8080/"), { ...off, allowPrivate: true })).toBeNull();
  });
});

interface Received {
  url: string;
  headers: IncomingHttpHeaders;
}

const servers: Server[] = [];
async function listen(answer: (received: Received[]) => [number, Record<string, string>?]) {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      received.push({ url: request.url ?? "", headers: request.headers });
      const [status, headers] = answer(received);
      response.writeHead(status, headers).end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, received };
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

const event = { id: "evt_1", type: "block.created", body: "{}" };

describe("a delivery", () => {
  it("resolves the name and refuses a loopback answer without connecting; the same answer is what it connects to when allowed", async () => {
    const receiver = await listen(() => [204]);
    const resolve = resolverOf({ "hooks.rebinding.example": ["127.0.0.1"] });
    const url = `http://hooks.rebinding.example:${receiver.port}/hook`;

    const refused = await postWebhook({ url, secret: "s" }, event, { allowPrivate: false, resolve });
    expect(refused).toEqual({
      ok: false,
      status: null,
      refused: true,
      error: expect.stringMatching(/hooks\.rebinding\.example resolves to 127\.0\.0\.1, a loopback address/),
    });
    expect(receiver.received).toHaveLength(0);

    // The same lookup feeds the socket: with the setting on, the checked address is where it goes.
    const allowed = await postWebhook({ url, secret: "s" }, event, { allowPrivate: true, resolve });
    expect(allowed).toMatchObject({ ok: true, status: 204, refused: false });
    expect(receiver.received).toHaveLength(1);
  });

  it("is checked at the moment of connecting: a name public at registration and loopback later is refused", async () => {
    const receiver = await listen(() => [204]);
    let answers = 0;
    const rebinding: Resolver = async () => [{ address: answers++ === 0 ? "93.184.215.14" : "127.0.0.1", family: 4 }];
    const url = new URL(`http://hooks.rebinding.example:${receiver.port}/hook`);
    expect(await registrationRefusal(url, { allowPrivate: false, resolve: rebinding })).toBeNull();
    const result = await postWebhook({ url: url.toString(), secret: "s" }, event, {
      allowPrivate: false,
      resolve: rebinding,
    });
    expect(result).toMatchObject({ ok: false, refused: true });
    expect(receiver.received).toHaveLength(0);
  });

  it("refuses a name with any non-public answer, and IP literals in every spelling", async () => {
    const receiver = await listen(() => [204]);
    const resolve = resolverOf({ "mixed.example": ["93.184.215.14", "127.0.0.1"] });
    for (const url of [
      `http://mixed.example:${receiver.port}/`,
      `http://127.0.0.1:${receiver.port}/`,
      `http://2130706433:${receiver.port}/`,
      `http://[::ffff:127.0.0.1]:${receiver.port}/`,
      `http://localhost:${receiver.port}/`,
    ]) {
      expect(await postWebhook({ url, secret: "s" }, event, { allowPrivate: false, resolve }), url).toMatchObject({
        ok: false,
        status: null,
        refused: true,
      });
    }
    expect(receiver.received).toHaveLength(0);
  });

  it("does not follow a redirect (to anywhere: here, a loopback address)", async () => {
    const target = await listen(() => [204]);
    const redirecting = await listen(() => [307, { location: `http://127.0.0.1:${target.port}/internal` }]);
    const result = await postWebhook({ url: `http://127.0.0.1:${redirecting.port}/hook`, secret: "s" }, event, {
      allowPrivate: true,
    });
    expect(result).toEqual({ ok: false, status: 307, error: "HTTP 307", refused: false });
    expect(redirecting.received).toHaveLength(1);
    expect(target.received).toHaveLength(0);
  });

  it("sends credentials from the URL as Basic authentication, not in the request line", async () => {
    const receiver = await listen(() => [200]);
    const result = await postWebhook(
      { url: `http://relay%40x:p%3Ass@127.0.0.1:${receiver.port}/hook`, secret: "s" },
      event,
      { allowPrivate: true },
    );
    expect(result.ok).toBe(true);
    expect(receiver.received[0]!.headers.authorization).toBe(`Basic ${Buffer.from("relay@x:p:ss").toString("base64")}`);
    expect(receiver.received[0]!.url).toBe("/hook");
  });
});

describe("credentials in URLs", () => {
  it("are masked wherever a URL appears in text", () => {
    expect(redactUrlCredentials("https://user:pa55@hooks.example.net/x?y=1")).toBe(
      "https://***@hooks.example.net/x?y=1",
    );
    expect(redactUrlCredentials("token only: https://tok3n@hooks.example.net/")).toBe(
      "token only: https://***@hooks.example.net/",
    );
    expect(redactUrlCredentials("a http://a@b@host/p and ftp://u:p@h")).toBe("a http://***@host/p and ftp://***@h");
    expect(redactUrlCredentials("https://hooks.example.net/path@v2 mail me@example.net")).toBe(
      "https://hooks.example.net/path@v2 mail me@example.net",
    );
  });
});
