import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from "node:dns";
import ipaddr from "ipaddr.js";

/*
 * Where webhook deliveries may go: public internet addresses only. A relay's API key must
 * not turn the app into a proxy into its own network — the database on loopback, the cloud
 * metadata service on 169.254.169.254, other hosts on a private network. The address is
 * checked at registration (the URL as written, and what its name resolves to then) and again
 * at every delivery, inside the connection's own DNS lookup (`pinnedLookup`), so the socket
 * connects to exactly the address that was checked: a name that resolves to a public address
 * at registration and to 127.0.0.1 later is refused then.
 *
 * Classification is ipaddr.js's: only its `unicast` range (public unicast) is allowed;
 * IPv4-mapped IPv6 addresses (`::ffff:127.0.0.1`) are judged as the IPv4 address they carry,
 * and every other special range (loopback, RFC 1918, CGNAT, ULA, link-local, unspecified,
 * multicast, broadcast, reserved, documentation, 6to4/Teredo/NAT64 tunnels that can embed any
 * IPv4 address) is refused. `WEBHOOK_ALLOW_PRIVATE_ADDRESSES=true` lifts the rule for local
 * development, where the receiver runs on the same machine.
 */

const RANGE_WORDS: Record<string, string> = {
  loopback: "a loopback address",
  private: "a private network address",
  carrierGradeNat: "a carrier-grade NAT address",
  uniqueLocal: "a private (unique local) IPv6 address",
  linkLocal: "a link-local address (such as the cloud metadata service)",
  unspecified: "the unspecified address",
  multicast: "a multicast address",
  broadcast: "the broadcast address",
};

const IPV4_COMPATIBLE = ipaddr.parseCIDR("::/96");

/** Why an IP address is not a public delivery target, in words; null when it is one (or is not an IP address). */
export function forbiddenAddressReason(address: string): string | null {
  if (!ipaddr.isValid(address)) return null;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  // ipaddr.js calls the deprecated IPv4-compatible form (::a.b.c.d, RFC 4291 §2.5.5.1) unicast,
  // but it carries an IPv4 address (::7f00:1 is 127.0.0.1) and no public host uses it.
  if (range === "unicast" && parsed.kind() === "ipv6" && parsed.match(IPV4_COMPATIBLE))
    return "an IPv4-compatible IPv6 address (deprecated; it can carry any IPv4 address)";
  if (range === "unicast") return null;
  return RANGE_WORDS[range] ?? `a reserved address (${range})`;
}

/** `localhost` and every `*.localhost` name are loopback by definition (RFC 6761), whatever DNS says. */
const isLocalhostName = (host: string) => /(^|\.)localhost\.?$/i.test(host);

/** The host of a URL as connected to: brackets of an IPv6 literal removed. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

/** A delivery target refused by the address policy. `code` lets callers tell it from network errors. */
export class ForbiddenAddressError extends Error {
  readonly code = "EWEBHOOKADDRESS";
  constructor(
    readonly host: string,
    readonly address: string,
    readonly reason: string,
  ) {
    super(
      `refused: ${host === address ? address : `${host} resolves to ${address}`}, ${reason}; webhooks are only delivered to public internet addresses`,
    );
    this.name = "ForbiddenAddressError";
  }
}

/** The refusal for a URL's host when it can be judged without DNS (an IP literal or `localhost`); otherwise null. */
export function literalHostRefusal(url: URL): ForbiddenAddressError | null {
  const host = hostOf(url);
  if (isLocalhostName(host)) return new ForbiddenAddressError(host, host, RANGE_WORDS.loopback!);
  const reason = forbiddenAddressReason(host);
  return reason ? new ForbiddenAddressError(host, host, reason) : null;
}

export type Resolver = (host: string) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (host) =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );

/** The first of `addresses` the policy refuses, as an error; null when all are public. */
function refusalAmong(host: string, addresses: readonly LookupAddress[]): ForbiddenAddressError | null {
  for (const { address } of addresses) {
    const reason = forbiddenAddressReason(address);
    if (reason) return new ForbiddenAddressError(host, address, reason);
  }
  return null;
}

const REGISTRATION_LOOKUP_MS = 3000;

/**
 * The check at registration: the host as written, then — for a name — what it resolves to
 * now. Any refused address among the answers refuses the URL. A name that does not resolve
 * (yet) is accepted: every delivery resolves and checks it again.
 */
export async function registrationRefusal(
  url: URL,
  options: { allowPrivate: boolean; resolve?: Resolver },
): Promise<ForbiddenAddressError | null> {
  if (options.allowPrivate) return null;
  const literal = literalHostRefusal(url);
  if (literal || ipaddr.isValid(hostOf(url))) return literal;
  const host = hostOf(url);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), REGISTRATION_LOOKUP_MS);
  });
  try {
    const addresses = await Promise.race([(options.resolve ?? systemResolver)(host).catch(() => null), timeout]);
    return addresses ? refusalAmong(host, addresses) : null;
  } finally {
    clearTimeout(timer);
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
type LookupFunction = (host: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback) => void;

/**
 * A `lookup` for `net.connect` (undici's `connect.lookup`) that resolves the name, refuses
 * it when any answer is a forbidden address, and otherwise hands exactly the checked
 * addresses to the socket. Node does not call `lookup` for IP literals: check those with
 * `literalHostRefusal` before connecting.
 */
export function pinnedLookup(options: { allowPrivate: boolean; resolve?: Resolver }): LookupFunction {
  const resolve = options.resolve ?? systemResolver;
  return (host, lookupOptions, callback) => {
    const family = typeof lookupOptions.family === "number" ? lookupOptions.family : 0;
    resolve(host).then(
      (all) => {
        const addresses = family ? all.filter((a) => a.family === family) : all;
        const refusal = options.allowPrivate
          ? null
          : isLocalhostName(host)
            ? new ForbiddenAddressError(host, host, RANGE_WORDS.loopback!)
            : refusalAmong(host, addresses);
        if (refusal) return callback(refusal, []);
        if (addresses.length === 0)
          return callback(Object.assign(new Error(`no address for ${host}`), { code: "ENOTFOUND" }), []);
        if (lookupOptions.all) return callback(null, addresses);
        callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
}
