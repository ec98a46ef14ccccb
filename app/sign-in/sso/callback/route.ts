import { cookies, headers } from "next/headers";
import type { NextRequest } from "next/server";
import { startSession } from "@/lib/auth/session";
import { signInWithSingleSignOn } from "@/lib/auth/sign-in";
import { configuredSingleSignOn, SSO_FLOW_COOKIE } from "@/lib/auth/single-sign-on";
import { backToSignIn, notServed, seeOther } from "@/lib/auth/sso-redirect";
import { isAppError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { clientAddress } from "@/lib/reports/report-request";

/*
 * Where the OpenID provider sends the browser back. The answer is checked against the flow
 * cookie (state, PKCE, nonce; openid-client checks the ID token's signature, issuer and
 * audience), then judged by lib/auth/sign-in.ts like a password. Success starts exactly
 * the session a password starts; a refusal goes back to the sign-in page saying why.
 * The flow cookie is used once.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const sso = configuredSingleSignOn();
  if (!sso) return notServed();
  const jar = await cookies();
  const flow = jar.get(SSO_FLOW_COOKIE.name)?.value;
  jar.delete({ name: SSO_FLOW_COOKIE.name, path: SSO_FLOW_COOKIE.path, secure: SSO_FLOW_COOKIE.secure });
  let next = "";
  try {
    const outcome = await sso.complete(request.nextUrl.search, flow);
    next = outcome.next;
    const result = await signInWithSingleSignOn({ outcome, client: clientAddress(await headers()) });
    if (!result.ok) return backToSignIn(result.reason, next);
    await startSession(result.user);
    return seeOther(result.landing);
  } catch (error) {
    if (!isAppError(error)) logger.error({ err: error }, "single sign-on: the callback failed");
    return backToSignIn("unavailable", next);
  }
}

export { notServed as POST };
