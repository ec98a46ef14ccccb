import { cookies } from "next/headers";
import type { NextRequest } from "next/server";
import { configuredSingleSignOn, SSO_FLOW_COOKIE } from "@/lib/auth/single-sign-on";
import { backToSignIn, notServed, seeOther } from "@/lib/auth/sso-redirect";
import { logger } from "@/lib/log";

/*
 * "Sign in with single sign-on" (a link on the sign-in page): starts the OpenID Connect
 * authorization-code flow. The state, nonce and PKCE verifier go into a short-lived,
 * encrypted cookie for the callback (app/sign-in/sso/callback) and the browser goes to the
 * provider. Without OIDC_* configured this path does not exist (404).
 */
export async function GET(request: NextRequest): Promise<Response> {
  const sso = configuredSingleSignOn();
  if (!sso) return notServed();
  const next = request.nextUrl.searchParams.get("next") ?? "";
  try {
    const { authorizationUrl, flow } = await sso.begin(next);
    (await cookies()).set(SSO_FLOW_COOKIE.name, flow, {
      httpOnly: true,
      // The provider sends the browser back with a top-level GET: Lax carries the cookie.
      sameSite: "lax",
      secure: SSO_FLOW_COOKIE.secure,
      path: SSO_FLOW_COOKIE.path,
      maxAge: SSO_FLOW_COOKIE.maxAge,
    });
    return seeOther(authorizationUrl);
  } catch (error) {
    logger.error({ err: error }, "single sign-on: the provider could not be reached");
    return backToSignIn("unavailable", "");
  }
}

export { notServed as POST };
