import type { Metadata } from "next";
import Link from "next/link";
import { AccountShell } from "@/components/account/account-shell";
import { BlocksTable } from "@/components/account/blocks-table";
import { SmtpUserList } from "@/components/account/smtp-user-list";
import { WeeklyChart } from "@/components/account/weekly-chart";
import { Section } from "@/components/ui/section";
import { requireOwnerPage } from "@/lib/auth/session";
import { getAccountOverview, SMTP_USERS_SHOWN } from "@/lib/data/account";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Account overview" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * What an account owner checks first: which SMTP users are blocked now and why, the trend, the
 * newest blocks. The first SMTP_USERS_SHOWN SMTP users (blocked ones first); `?smtpUsers=all` all of them.
 */
export default async function AccountOverviewPage({ searchParams }: { searchParams: SearchParams }) {
  const allSmtpUsers = (await searchParams).smtpUsers === "all";
  const owner = await requireOwnerPage(allSmtpUsers ? "/account?smtpUsers=all" : "/account");
  const now = new Date();
  const overview = await getAccountOverview({ ownerId: owner.id, now, allSmtpUsers });
  const { smtpUserCount: count, blockedSmtpUsers: blocked } = overview;
  const partial = overview.smtpUsers.length < count;
  return (
    <AccountShell
      relayName={env.RELAY_NAME}
      accountName={overview.accountName}
      ownerName={owner.name}
      current="/account"
    >
      <div className="space-y-1">
        <h1 className="text-2xl leading-tight font-semibold sm:text-3xl">Overview</h1>
        <p className="text-muted">
          {blocked === 0
            ? `None of your ${count} SMTP users is blocked now.`
            : `${blocked} of your ${count} SMTP users ${blocked === 1 ? "is" : "are"} blocked now.`}
        </p>
      </div>
      <Section
        id="smtp-users"
        title="SMTP users"
        description={
          partial ? (
            <>
              The {overview.smtpUsers.length} that need attention first: blocked ones, then the most recently blocked.{" "}
              <a className="underline underline-offset-2" href="/account?smtpUsers=all#smtp-users">
                Show all {count} SMTP users
              </a>
            </>
          ) : allSmtpUsers && count > SMTP_USERS_SHOWN ? (
            <>
              All {count}, blocked ones first.{" "}
              <a className="underline underline-offset-2" href="/account#smtp-users">
                Show only the first {SMTP_USERS_SHOWN}
              </a>
            </>
          ) : null
        }
      >
        <SmtpUserList users={overview.smtpUsers} now={now} />
      </Section>
      <Section id="trend" title="Blocks per week">
        <WeeklyChart weeks={overview.weeks} />
      </Section>
      <Section
        id="newest"
        title="Newest blocks"
        description={
          <Link className="underline underline-offset-2" href="/account/blocks">
            All blocks, with filters and export
          </Link>
        }
      >
        <BlocksTable
          caption="The newest blocks of the account"
          rows={overview.newest}
          now={now}
          empty="No block yet: nothing of this account was ever blocked."
        />
      </Section>
    </AccountShell>
  );
}
