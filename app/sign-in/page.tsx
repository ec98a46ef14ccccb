import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { PageShell } from "@/components/ui/page-shell";
import { landingPath, sameOriginPath } from "@/lib/auth/landing";
import { getSessionUser } from "@/lib/auth/session";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Staff sign-in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Sign-in for compliance staff and account owners. Senders never need it: their report link is their access. */
export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  // Only a same-origin path is carried on; where it may lead is decided with the role.
  const next = sameOriginPath((await searchParams).next) ?? "";
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
      <section aria-label="Sign in" className="rounded-lg border border-line bg-surface p-4 sm:p-6">
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
