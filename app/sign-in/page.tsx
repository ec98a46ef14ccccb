import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { PageShell } from "@/components/ui/page-shell";
import { getSessionUser } from "@/lib/auth/session";
import { safeReturnPath } from "@/lib/auth/sign-in-form";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Sign-in for compliance staff and account owners. Senders never need it: their report link is their access. */
export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const next = safeReturnPath((await searchParams).next);
  const user = await getSessionUser();
  if (user) redirect(safeReturnPath(next, user.role));
  return (
    <PageShell relayName={env.RELAY_NAME} title="Sign in">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold leading-tight sm:text-3xl">Sign in</h1>
        <p className="text-muted">
          For the compliance team and account owners. If your mail was blocked you need no account: open the link in the bounce message, or{" "}
          <Link className="underline underline-offset-2" href="/">find your report</Link>.
        </p>
      </div>
      <section aria-label="Sign in" className="rounded-lg border border-line bg-surface p-4 sm:p-6">
        <SignInForm next={next} />
      </section>
    </PageShell>
  );
}
