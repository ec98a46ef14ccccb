import "server-only";
import { decode, encode } from "next-auth/jwt";
import * as oidc from "openid-client";
import { env } from "@/lib/env";
import { isLoopbackHttp } from "@/lib/http/loopback-http";
import { logger } from "@/lib/log";
import { sameOriginPath } from "./landing";
import { SESSION_COOKIE } from "./session-token";

/*
 * Single sign-on for staff with OpenID Connect (the authorization-code flow with PKCE,
 * state and nonce), driven by openid-client in two route handlers of our own:
 * app/sign-in/sso (start) and app/sign-in/sso/callback. next-auth's endpoints stay closed
 * (every /api/auth/* path answers 404). Why openid-client and not next-auth's OIDC
 * provider: docs/single-sign-on.md.
 *
 * This module only proves who the provider says the user is. Whether that identity may
 * sign in — an existing staff or admin login with that address, the address verified, the
 * login not disabled, the per-client limit — is lib/auth/sign-in.ts's signInWithSingleSignOn,
 * the same place password sign-ins are judged.
 */

export const SSO_START_PATH = "/sign-in/sso";
export const SSO_CALLBACK_PATH = "/sign-in/sso/callback";

/** The flow's state, nonce and PKCE verifier live in this cookie between the two requests: 10 minutes at most. */
const FLOW_SECONDS = 10 * 60;
// A distinct key derivation from the session token's: a flow cookie is never a session, nor the reverse.
const FLOW_SALT = "block-reports single sign-on flow";
export const SSO_FLOW_COOKIE = {
  name: `${SESSION_COOKIE.secure ? "__Secure-" : ""}block-reports.sso-flow`,
  secure: SESSION_COOKIE.secure,
  path: SSO_START_PATH,
  maxAge: FLOW_SECONDS,
};

export interface SingleSignOnSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** This app's callback, exactly as registered at the provider. */
  redirectUri: string;
  /** Encrypts the flow cookie (NEXTAUTH_SECRET). */
  secret: string;
}

/** Who the provider says signed in. The email counts only when the provider says it verified it. */
export interface SingleSignOnIdentity {
  /** The provider (OIDC_ISSUER): with `subject`, who this is for good. */
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
}

export type SingleSignOnOutcome =
  | { ok: true; identity: SingleSignOnIdentity; next: string }
  /**
   * The answer failed a check (state, PKCE, nonce, signature, issuer, audience), the flow
   * cookie was missing or old, or the provider refused. `started`: the browser brought a
   * valid flow cookie, so it began this sign-in here (not a bare request to the callback).
   */
  | { ok: false; reason: "failed"; next: string; started: boolean };

interface FlowClaims {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
}

const isFlow = (value: unknown): value is FlowClaims =>
  typeof value === "object" &&
  value !== null &&
  ["state", "nonce", "verifier", "next"].every((key) => typeof (value as Record<string, unknown>)[key] === "string");

export interface SingleSignOn {
  /** The provider's authorization URL to send the browser to, and the flow cookie's value to set. */
  begin(next: unknown): Promise<{ authorizationUrl: string; flow: string }>;
  /** Checks the provider's answer (the callback's query string) against the flow cookie and redeems the code. */
  complete(callbackSearch: string, flow: string | undefined): Promise<SingleSignOnOutcome>;
}

export function createSingleSignOn(settings: SingleSignOnSettings): SingleSignOn {
  let configuration: Promise<oidc.Configuration> | undefined;
  // Discovery once per process; a failure is not remembered, so the next attempt tries again.
  const configured = () =>
    (configuration ??= oidc
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        { redirect_uris: [settings.redirectUri], response_types: ["code"] },
        oidc.ClientSecretBasic(settings.clientSecret),
        { execute: isLoopbackHttp(new URL(settings.issuer)) ? [oidc.allowInsecureRequests] : [], timeout: 10 },
      )
      .catch((error: unknown) => {
        configuration = undefined;
        throw error;
      }));

  return {
    async begin(next) {
      const config = await configured();
      const flow: FlowClaims = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        verifier: oidc.randomPKCECodeVerifier(),
        // Only a same-origin path is carried; where it may lead is decided with the role.
        next: sameOriginPath(next) ?? "",
      };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: "openid email profile",
        response_type: "code",
        code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
        code_challenge_method: "S256",
        state: flow.state,
        nonce: flow.nonce,
      });
      const cookie = await encode({
        token: { ...flow },
        secret: settings.secret,
        salt: FLOW_SALT,
        maxAge: FLOW_SECONDS,
      });
      return { authorizationUrl: url.href, flow: cookie };
    },

    async complete(callbackSearch, flowCookie) {
      let flow: FlowClaims | null = null;
      try {
        const claims = flowCookie
          ? await decode({ token: flowCookie, secret: settings.secret, salt: FLOW_SALT })
          : null;
        flow = isFlow(claims) ? claims : null;
      } catch {
        flow = null; // tampered, another secret's, or expired
      }
      const next = flow?.next ?? "";
      if (!flow) return { ok: false, reason: "failed", next, started: false };
      try {
        const config = await configured();
        // The callback as the provider addressed it (this app's public URL, not the Host header).
        const callback = new URL(settings.redirectUri);
        callback.search = callbackSearch;
        const tokens = await oidc.authorizationCodeGrant(config, callback, {
          pkceCodeVerifier: flow.verifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        const claims = tokens.claims();
        if (!claims) return { ok: false, reason: "failed", next, started: true };
        let { email, email_verified: verified } = claims;
        // Many providers put the email in the UserInfo answer only.
        if (typeof email !== "string" || typeof verified !== "boolean") {
          const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
          ({ email, email_verified: verified } = info);
        }
        return {
          ok: true,
          identity: {
            issuer: settings.issuer,
            subject: claims.sub,
            email: typeof email === "string" ? email : null,
            emailVerified: verified === true,
          },
          next,
        };
      } catch (error) {
        // Never the tokens or the code: the error's kind and code say enough.
        const err = error as { name?: string; code?: string; error?: string; message?: string };
        logger.warn(
          { sso: { name: err.name, code: err.code, error: err.error, message: err.message?.slice(0, 200) } },
          "single sign-on answer refused",
        );
        return { ok: false, reason: "failed", next, started: true };
      }
    },
  };
}

let fromEnv: SingleSignOn | null | undefined;

/** Single sign-on as the environment configures it (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET), or null. */
export function configuredSingleSignOn(): SingleSignOn | null {
  if (fromEnv !== undefined) return fromEnv;
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, NEXTAUTH_SECRET, NEXTAUTH_URL, PUBLIC_BASE_URL } = env;
  fromEnv =
    OIDC_ISSUER && OIDC_CLIENT_ID && OIDC_CLIENT_SECRET && NEXTAUTH_SECRET
      ? createSingleSignOn({
          issuer: OIDC_ISSUER,
          clientId: OIDC_CLIENT_ID,
          clientSecret: OIDC_CLIENT_SECRET,
          // Where the session cookie is issued for (lib/auth/session-token.ts).
          redirectUri: new URL(SSO_CALLBACK_PATH, NEXTAUTH_URL ?? PUBLIC_BASE_URL).href,
          secret: NEXTAUTH_SECRET,
        })
      : null;
  return fromEnv;
}

/** Whether the sign-in page offers single sign-on. */
export const singleSignOnEnabled = () => configuredSingleSignOn() !== null;
