import type { ReactNode } from "react";
import { signOutAction } from "@/lib/actions/auth";
import { PageShell } from "@/components/ui/page-shell";

const LINKS = [
  { href: "/account", label: "Overview" },
  { href: "/account/blocks", label: "Block history" },
  { href: "/account/notifications", label: "Notifications" },
  { href: "/password", label: "Password" },
] as const;

/** The owner portal's frame: the account, who is signed in, sign-out (a plain form), and the portal's pages. */
export function AccountShell({
  relayName,
  accountName,
  ownerName,
  current,
  children,
}: {
  relayName: string;
  accountName: string;
  ownerName: string;
  current: (typeof LINKS)[number]["href"] | null;
  children: ReactNode;
}) {
  return (
    <PageShell
      relayName={relayName}
      title={`Account · ${accountName}`}
      width="wide"
      aside={
        <form action={signOutAction} className="flex flex-wrap items-baseline gap-2">
          <span>Signed in as {ownerName}</span>
          <button type="submit" className="font-semibold text-ink underline underline-offset-2">
            Sign out
          </button>
        </form>
      }
      nav={
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          {LINKS.map((link) => (
            <li key={link.href}>
              <a
                href={link.href}
                aria-current={current === link.href ? "page" : undefined}
                className="underline-offset-2 hover:underline aria-[current=page]:font-semibold aria-[current=page]:underline"
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
