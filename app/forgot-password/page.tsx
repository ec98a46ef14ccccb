import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { ForgotPasswordForm } from "@/components/auth/password-forms";
import { PageShell } from "@/components/ui/page-shell";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Forgot password" };

/** Anyone: the address of a login, to mail it a one-time link for a new password. */
export default async function ForgotPasswordPage() {
  // Rendered per request, like every page the proxy gives a CSP nonce: prerendered at build
  // time, its scripts carried no nonce and the browser refused every one of them.
  await connection();
  return (
    <PageShell relayName={env.RELAY_NAME} title="Sign in">
      <div className="space-y-2">
        <h1 className="text-2xl leading-tight font-semibold sm:text-3xl">Forgot your password?</h1>
        <p className="text-muted">
          Enter the address you sign in with. If a login uses it, we mail it a link to choose a new password.{" "}
          <Link className="underline underline-offset-2" href="/sign-in">
            Back to sign-in
          </Link>
        </p>
      </div>
      <section aria-label="Reset a forgotten password" className="rounded-lg border border-line bg-surface p-4 sm:p-6">
        <ForgotPasswordForm />
      </section>
    </PageShell>
  );
}
