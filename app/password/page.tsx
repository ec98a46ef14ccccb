import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AccountShell } from "@/components/account/account-shell";
import { ChangePasswordForm } from "@/components/auth/password-forms";
import { StaffShell } from "@/components/staff/staff-shell";
import { getSessionUser, isOwner } from "@/lib/auth/session";
import { ownerScope } from "@/lib/data/account";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Change password" };

/** Every signed-in user, staff or owner, in their own area's frame: a new password ends their other sessions. */
export default async function ChangePasswordPage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  const content = (
    <>
      <div className="space-y-1">
        <h1 className="text-2xl leading-tight font-semibold sm:text-3xl">Change password</h1>
        <p className="text-muted">Every other session of yours (other browsers, other devices) ends when it changes.</p>
      </div>
      <section aria-label="Change your password" className="rounded-lg border border-line bg-surface p-4 sm:p-6">
        <ChangePasswordForm />
      </section>
    </>
  );
  if (isOwner(user)) {
    const { accountName } = await ownerScope(user.id);
    return (
      <AccountShell relayName={env.RELAY_NAME} accountName={accountName} ownerName={user.name} current="/password">
        {content}
      </AccountShell>
    );
  }
  return (
    <StaffShell relayName={env.RELAY_NAME} staffName={user.name}>
      {content}
    </StaffShell>
  );
}
