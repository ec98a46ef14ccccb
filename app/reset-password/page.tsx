import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/auth/password-forms";
import { Alert } from "@/components/ui/alert";
import { PageShell } from "@/components/ui/page-shell";
import { isLiveOneTimeLink } from "@/lib/data/users/one-time-links";
import { LINK_UNUSABLE } from "@/lib/data/users/passwords";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Choose a new password" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The page a reset mail links to. Opening it uses nothing up (mail scanners open links); setting the password does. */
export default async function ResetPasswordPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : "";
  const live = await isLiveOneTimeLink(token, "PASSWORD_RESET");
  return (
    <PageShell relayName={env.RELAY_NAME} title="Sign in">
      <div className="space-y-2">
        <h1 className="text-2xl leading-tight font-semibold sm:text-3xl">Choose a new password</h1>
        {live ? (
          <p className="text-muted">
            Setting it signs you out everywhere (other browsers, other devices); then sign in with the new password.
          </p>
        ) : null}
      </div>
      <section aria-label="Choose a new password" className="rounded-lg border border-line bg-surface p-4 sm:p-6">
        <ResetPasswordForm
          token={token}
          live={live}
          unusable={
            <Alert tone="warning" title="This link does not work">
              <p>
                {LINK_UNUSABLE}{" "}
                <Link className="underline underline-offset-2" href="/forgot-password">
                  Get a new link
                </Link>
              </p>
            </Alert>
          }
        />
      </section>
    </PageShell>
  );
}
