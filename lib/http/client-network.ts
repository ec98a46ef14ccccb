import ipaddr from "ipaddr.js";

/**
 * What a client's attempts are counted under in the per-client rate limits (sign-in,
 * password links, the sender's forms, report-link misses): its IPv4 address, or for IPv6
 * the /64 its address is in. A /64 is the smallest network a client is given (one home
 * connection, one LAN), and it holds 2^64 addresses: counted one by one, every attempt could
 * come from a fresh one and the limits stopped no one. An IPv4-mapped IPv6 address counts as
 * its IPv4 address; anything that is not an address is counted as it is.
 */
export function clientNetwork(client: string): string {
  if (!client.includes(":") || !ipaddr.IPv6.isValid(client)) return client;
  const address = ipaddr.IPv6.parse(client);
  if (address.isIPv4MappedAddress()) return address.toIPv4Address().toString();
  return `${address.parts
    .slice(0, 4)
    .map((part) => part.toString(16))
    .join(":")}::/64`;
}
