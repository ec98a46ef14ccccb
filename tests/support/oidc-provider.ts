import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import { TEST_OIDC_CLIENT } from "./oidc-client";

/*
 * A real OpenID Connect provider (panva's oidc-provider, the certified implementation) in
 * this process, on loopback: one confidential client for the app, PKCE required, and test
 * accounts whose login at the provider's development sign-in form is their id (any
 * password). Nothing leaves the machine.
 */

export interface TestIdentity {
  email: string;
  email_verified: boolean;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close: () => Promise<void>;
}

export async function startOidcProvider({
  port = 0,
  redirectUri,
  accounts,
}: {
  port?: number;
  redirectUri: string;
  /** By login: what the provider says about each test account. */
  accounts: Record<string, TestIdentity>;
}): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_OIDC_CLIENT.clientId,
        client_secret: TEST_OIDC_CLIENT.clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    // A client that sends no PKCE challenge is refused, so the app's PKCE is tested.
    pkce: { required: () => true },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    cookies: { keys: ["test-only cookie key for the oidc provider"] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, id) {
      const identity = accounts[id];
      if (!identity) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, name: id, ...identity }) };
    },
  });
  // Quiet: a refused request is what some tests are about.
  provider.on("server_error", () => {});
  server.on("request", provider.callback());
  return {
    issuer,
    ...TEST_OIDC_CLIENT,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * What a browser does at the provider, without one: follows the authorization URL, signs in
 * at the development form as `login`, consents, and returns where the provider sends the
 * browser back (the app's callback with code, state and iss).
 */
export async function signInAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const eq = pair.indexOf("=");
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  let url = new URL(authorizationUrl);
  const providerOrigin = url.origin;
  for (let step = 0; step < 12; step++) {
    if (url.origin !== providerOrigin) return url; // back at the app
    let response = await fetch(url, { redirect: "manual", headers: { cookie: cookieHeader() } });
    keep(response);
    if (response.status === 200) {
      const html = await response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
      if (!action || !prompt) throw new Error(`no form at ${url}: ${html.slice(0, 300)}`);
      const body = new URLSearchParams({ prompt, ...(prompt === "login" ? { login, password: "any" } : {}) });
      response = await fetch(new URL(action, url), {
        method: "POST",
        redirect: "manual",
        body,
        headers: { cookie: cookieHeader(), "content-type": "application/x-www-form-urlencoded" },
      });
      keep(response);
    }
    const location = response.headers.get("location");
    if (!location || response.status < 300 || response.status >= 400)
      throw new Error(`the provider answered ${response.status} at ${url}: ${(await response.text()).slice(0, 300)}`);
    url = new URL(location, url);
  }
  throw new Error("the provider kept redirecting");
}
