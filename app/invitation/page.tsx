import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInvitationForm } from "@/components/auth/password-forms";
import { Alert } from "@/components/ui/alert";
import { PageShell } from "@/components/ui/page-shell";
import { LINK_UNUSABLE_INVITATION } from "@/lib/data/users/invitations";
import { isLiveOneTimeLink } from "@/lib/data/users/one-time-links";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Accept your invitation" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The page an invitation mail links to. Opening it uses nothing up (mail scanners open links); setting the password does. */
export default async function InvitationPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : "";
  const live = await isLiveOneTimeLink(token, "INVITATION");
  return (
    <PageShell relayName={env.RELAY_NAME} title="Sign in">
      <div className="space-y-2">
        <h1 className="text-2xl leading-tight font-semibold sm:text-3xl">Welcome to {env.RELAY_NAME} Block Reports</h1>
        {live ? (
          <p className="text-muted">
            Choose the password you will sign in with. Setting it accepts the invitation and signs you in.
          </p>
        ) : null}
      </div>
      <section aria-label="Choose your password" className="rounded-lg border border-line bg-surface p-4 sm:p-6">
        <AcceptInvitationForm
          token={token}
          live={live}
          unusable={
            <Alert tone="warning" title="This invitation link does not work">
              <p>{LINK_UNUSABLE_INVITATION}</p>
              <p className="mt-2">
                Already chose a password?{" "}
                <Link className="underline underline-offset-2" href="/sign-in">
                  Sign in
                </Link>
              </p>
              <p className="mt-2">
                Not sure who invited you? Write to{" "}
                <a
                  className="[overflow-wrap:anywhere] underline underline-offset-2"
                  href={`mailto:${env.COMPLIANCE_EMAIL}`}
                >
                  {env.COMPLIANCE_EMAIL}
                </a>
                .
              </p>
            </Alert>
          }
        />
      </section>
    </PageShell>
  );
}
