import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Alert } from "@/components/ui/alert";
import { LinkButton } from "@/components/ui/button";
import { PageShell } from "@/components/ui/page-shell";
import { landingPath, sameOriginPath } from "@/lib/auth/landing";
import { getSessionUser } from "@/lib/auth/session";
import { singleSignOnEnabled, SSO_START_PATH } from "@/lib/auth/single-sign-on";
import { ssoMessage } from "@/lib/auth/sso-redirect";

import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Staff sign-in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Sign-in for compliance staff and account owners. Senders never need it: their report link is their access. */
export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  // Only a same-origin path is carried on; where it may lead is decided with the role.
  const params = await searchParams;
  const next = sameOriginPath(params.next) ?? "";
  // Single sign-on's refusal, by name: the page never shows text from the URL.
  const refusal = ssoMessage(params.sso);
  const sso = singleSignOnEnabled();
  const user = await getSessionUser();
  const landing = user && landingPath(user.role, next);
  if (landing) redirect(landing);
  return (
    <PageShell relayName={env.RELAY_NAME} title="Sign in">
      <div className="space-y-2">
        <h1 className="text-2xl leading-tight font-semibold sm:text-3xl">Sign in</h1>
        <p className="text-muted">
          For the compliance team and account owners. If your mail was blocked you need no account: open the link in the
          bounce message, or{" "}
          <Link className="underline underline-offset-2" href="/">
            find your report
          </Link>
          .
        </p>
      </div>
      {refusal ? (
        <Alert tone="warning" title="You are not signed in" live>
          <p>{refusal}</p>
        </Alert>
      ) : null}
      {sso ? (
        <section aria-label="Single sign-on" className="space-y-3 rounded-lg border border-line bg-surface p-4 sm:p-6">
          <p>Compliance staff can sign in with their organisation&apos;s login.</p>
          {/* A plain link (not next/link): nothing prefetches it, and it works without JavaScript. */}
          <LinkButton variant="primary" href={`${SSO_START_PATH}${next ? `?${new URLSearchParams({ next })}` : ""}`}>
            Sign in with single sign-on
          </LinkButton>
        </section>
      ) : null}
      <section aria-label="Sign in" className="rounded-lg border border-line bg-surface p-4 sm:p-6">
        {sso ? <h2 className="mb-4 text-lg font-semibold">Or with your email address and password</h2> : null}
        <SignInForm next={next} />
        <p className="mt-4 text-sm">
          <Link className="underline underline-offset-2" href="/forgot-password">
            Forgot your password?
          </Link>
        </p>
      </section>
    </PageShell>
  );
}
