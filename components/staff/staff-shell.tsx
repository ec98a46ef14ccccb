import type { ReactNode } from "react";
import { AreaNav, SignedInAs } from "@/components/ui/area-nav";
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
      aside={<SignedInAs name={staffName} />}
      nav={
        <AreaNav
          links={LINKS.filter((link) => isAdmin || !link.adminOnly)}
          current={LINKS.find((link) => link.page === current)?.href}
        />
      }
    >
      {children}
    </PageShell>
  );
}
