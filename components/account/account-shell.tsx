import type { ReactNode } from "react";
import { AreaNav, SignedInAs } from "@/components/ui/area-nav";
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
      aside={<SignedInAs name={ownerName} />}
      nav={<AreaNav links={LINKS} current={current} />}
    >
      {children}
    </PageShell>
  );
}
