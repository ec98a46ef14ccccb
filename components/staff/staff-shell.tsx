import type { ReactNode } from "react";
import { signOutAction } from "@/lib/actions/auth";
import { PageShell } from "@/components/ui/page-shell";

type StaffPage = "queue" | "metrics" | "audit" | "templates" | "users" | "password";

const LINKS: { page: StaffPage; href: string; label: string; adminOnly?: boolean }[] = [
  { page: "queue", href: "/staff", label: "Review queue" },
  { page: "metrics", href: "/staff/metrics", label: "Metrics" },
  { page: "audit", href: "/staff/audit", label: "Audit log", adminOnly: true },
  { page: "templates", href: "/staff/templates", label: "Decision templates", adminOnly: true },
  { page: "users", href: "/staff/users", label: "Users", adminOnly: true },
  { page: "password", href: "/password", label: "Password" },
];

interface StaffShellProps {
  relayName: string;
  staffName: string;
  /** The console page shown, marked in the navigation. */
  current?: StaffPage;
  /** Admins also see the audit log. */
  isAdmin?: boolean;
  children: ReactNode;
}

/** The console's frame: who is signed in, sign-out (a plain form: works without JavaScript), the console's pages. */
export function StaffShell({ relayName, staffName, current, isAdmin = false, children }: StaffShellProps) {
  return (
    <PageShell
      relayName={relayName}
      title="Compliance console"
      width="wide"
      aside={
        <form action={signOutAction} aria-label="Sign out" className="flex items-baseline gap-2">
          <span>Signed in as {staffName}</span>
          <button type="submit" className="font-semibold text-ink underline underline-offset-2">
            Sign out
          </button>
        </form>
      }
      nav={
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          {LINKS.filter((link) => isAdmin || !link.adminOnly).map((link) => (
            <li key={link.page}>
              <a
                href={link.href}
                aria-current={link.page === current ? "page" : undefined}
                className={`underline underline-offset-2 ${link.page === current ? "font-semibold text-ink" : "text-muted"}`}
              >
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      }
    >
      {children}
    </PageShell>
  );
}
