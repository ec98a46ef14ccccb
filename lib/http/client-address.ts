/**
 * The address of the client behind `trustedHops` proxies, from the socket's address and
 * X-Forwarded-For, the way proxies build that header: each appends the address it got the
 * request from. Counting from the right, the first `trustedHops` entries were written by
 * our own proxies; everything further left was sent by the client and proves nothing.
 * With no trusted proxy the socket's address is the client.
 */
export function resolveClientAddress(
  forwardedFor: string | string[] | undefined,
  socketAddress: string | undefined,
  trustedHops: number,
): string {
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  // Nearest first: the socket, then the hops our proxies appended, right to left.
  const chain = [socketAddress ?? "unknown", ...forwarded.reverse()];
  return chain[Math.min(trustedHops, chain.length - 1)]!;
}
