import type { ReactNode } from "react";
import { signOutAction } from "@/app/actions/auth";
import { PageShell } from "@/components/ui/page-shell";

/** The console's frame: who is signed in, sign-out (a plain form: works without JavaScript), the way back to the queue. */
export function StaffShell({ relayName, staffName, children }: { relayName: string; staffName: string; children: ReactNode }) {
  return (
    <PageShell
      relayName={relayName}
      title="Compliance console"
      width="wide"
      aside={
        <form action={signOutAction} aria-label="Sign out" className="flex items-baseline gap-2">
          <span>Signed in as {staffName}</span>
          <button type="submit" className="font-semibold text-ink underline underline-offset-2">Sign out</button>
        </form>
      }
      nav={
        <span className="flex flex-wrap gap-x-4">
          <a href="/staff" className="font-semibold underline underline-offset-2">Review queue</a>
          <a href="/password" className="underline underline-offset-2">Password</a>
        </span>
      }
    >
      {children}
    </PageShell>
  );
}
