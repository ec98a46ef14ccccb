import type { ReactNode } from "react";
import { headers } from "next/headers";
import { AccountShell } from "@/components/account/account-shell";
import { StaffShell } from "@/components/staff/staff-shell";
import { LinkButton } from "@/components/ui/button";
import { NotFoundPage } from "@/components/ui/not-found-page";
import { AREA_PATH_HEADER, areaNotFoundReason, type AreaNotFoundReason } from "@/lib/auth/area-not-found";
import { getPageSessionUser, isOwner, isStaff } from "@/lib/auth/session";
import { ownerScope } from "@/lib/data/account";
import { env } from "@/lib/env";

const id = (publicId: string) => <span className="font-mono [overflow-wrap:anywhere]">{publicId}</span>;

function NotFoundBox({
  title,
  children,
  links,
}: {
  title: string;
  children: ReactNode;
  links: { href: string; label: string }[];
}) {
  return (
    <section
      aria-labelledby="not-found-title"
      className="space-y-3 rounded-lg border border-line bg-surface p-4 sm:p-6"
    >
      <p className="text-sm font-semibold tracking-wide text-muted uppercase">Error 404</p>
      <h1 id="not-found-title" className="text-2xl leading-tight font-semibold sm:text-3xl">
        {title}
      </h1>
      <p>{children}</p>
      <div className="flex flex-wrap gap-3">
        {links.map((link, index) => (
          <LinkButton key={link.href} href={link.href} variant={index === 0 ? "primary" : "secondary"}>
            {link.label}
          </LinkButton>
        ))}
      </div>
    </section>
  );
}

function OwnerNotFound({ reason, accountName }: { reason: AreaNotFoundReason; accountName: string }) {
  if (reason.kind === "not-your-block")
    return (
      <NotFoundBox
        title="This block is not in your account"
        links={[
          { href: "/account/blocks", label: "Open your block history" },
          { href: "/account", label: "Go to the overview" },
        ]}
      >
        {reason.publicId ? (
          <>
            No block of {accountName} has the id {id(reason.publicId)}
          </>
        ) : (
          <>No block has this id</>
        )}
        : the report belongs to another account, or does not exist. Every block of your account is in your block
        history.
      </NotFoundBox>
    );
  return (
    <NotFoundBox title="There is no page here" links={[{ href: "/account", label: "Go to the overview" }]}>
      Nothing in your account is at this address. Your account&apos;s pages are in the menu above.
    </NotFoundBox>
  );
}

function StaffNotFound({ reason }: { reason: AreaNotFoundReason }) {
  const queue = { href: "/staff", label: "Back to the review queue" };
  switch (reason.kind) {
    case "admins-only":
      return (
        <NotFoundBox title="This page is for admins" links={[queue]}>
          {reason.page} is open to admins only. If something there needs changing, ask an admin.
        </NotFoundBox>
      );
    case "no-report":
      return (
        <NotFoundBox title="No report has this id" links={[queue]}>
          {reason.publicId ? (
            <>No report in the console has the id {id(reason.publicId)}</>
          ) : (
            <>No report has this id</>
          )}
          . Check the id, or find the report in the review queue.
        </NotFoundBox>
      );
    case "owners-only":
      return (
        <NotFoundBox title="This page is for account owners" links={[{ href: "/staff", label: "Go to the console" }]}>
          The account portal shows an account&apos;s blocks to its owner. You are signed in as staff: every report is in
          the console.
        </NotFoundBox>
      );
    default:
      return (
        <NotFoundBox title="There is no page here" links={[queue]}>
          Nothing in the console is at this address. The console&apos;s pages are in the menu above.
        </NotFoundBox>
      );
  }
}

/**
 * The 404 of the owner portal and the console (lib/auth/area-not-found.ts), in the visitor's
 * own area: its header and menu, and why there is nothing here for them in their words. The
 * path comes from the proxy (AREA_PATH_HEADER). Signed out (or the account gone): the site's 404.
 */
export async function AreaNotFound() {
  const pathname = (await headers()).get(AREA_PATH_HEADER) ?? "";
  const user = await getPageSessionUser();
  const reason = areaNotFoundReason(pathname, user);
  if (isStaff(user))
    return (
      <StaffShell relayName={env.RELAY_NAME} staffName={user.name} isAdmin={user.role === "ADMIN"}>
        <StaffNotFound reason={reason} />
      </StaffShell>
    );
  const scope = isOwner(user) ? await ownerScope(user.id).catch(() => null) : null;
  if (isOwner(user) && scope)
    return (
      <AccountShell relayName={env.RELAY_NAME} accountName={scope.accountName} ownerName={user.name} current={null}>
        <OwnerNotFound reason={reason} accountName={scope.accountName} />
      </AccountShell>
    );
  return <NotFoundPage relayName={env.RELAY_NAME} />;
}
