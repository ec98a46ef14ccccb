import { unsubscribe } from "@/lib/data/account/notifications";

/**
 * RFC 8058 one-click unsubscribe: mail clients POST `List-Unsubscribe=One-Click` here (the
 * List-Unsubscribe header of every owner notification). The token is the only authority;
 * an unknown one gets the same answer, so the answer tells nothing.
 */
export async function POST(_request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  await unsubscribe((await params).token);
  return new Response("Unsubscribed.\n", {
    status: 200,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
