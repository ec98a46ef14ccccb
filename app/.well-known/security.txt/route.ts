import { env } from "@/lib/env";
import { securityTxt } from "@/lib/http/security-txt";

/** RFC 9116 security.txt; its Expires moves with the date, hence rendered per request. */
export function GET() {
  const body = securityTxt({ contact: env.SECURITY_CONTACT, publicBaseUrl: env.PUBLIC_BASE_URL, now: new Date() });
  return new Response(body, {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=86400" },
  });
}

export const dynamic = "force-dynamic";
