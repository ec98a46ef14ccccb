import { EvidenceText } from "@/components/report/evidence-text";
import { StatusBadge } from "@/components/ui/status-badge";
import type { SmtpUserSummary } from "@/lib/data/account";
import { historyQuery } from "@/lib/account/history-filters";
import { formatQuantity } from "@/lib/evidence/format";
import { BLOCK_STATUS_LABELS } from "@/lib/reports/block-status";
import { formatRelative, formatWhen } from "@/lib/reports/relative-time";
import { REASON_LABELS } from "./labels";

/** Each SMTP user of the account with its sender addresses and where it stands; blocked ones come first. */
export function SmtpUserList({ users, now }: { users: SmtpUserSummary[]; now: Date }) {
  if (users.length === 0) return <p className="text-sm text-muted">This account has no SMTP users yet.</p>;
  return (
    <ul className="grid gap-3 md:grid-cols-2">
      {users.map((user) => {
        const history = `/account/blocks${historyQuery({ order: "newest", smtpUser: user.id })}`;
        return (
          <li key={user.id} className="space-y-2 rounded-md border border-line p-4 text-sm">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="font-mono text-base font-semibold">
                <EvidenceText value={user.username} />
              </h3>
              {user.blockedNow ? (
                <StatusBadge {...BLOCK_STATUS_LABELS[user.blockedNow.status]} />
              ) : (
                <StatusBadge tone="success" label="Not blocked" />
              )}
            </div>
            {user.blockedNow ? (
              <p>
                {REASON_LABELS[user.blockedNow.reason]} since {formatWhen(user.blockedNow.createdAt, now)}.{" "}
                <a
                  className="font-semibold underline underline-offset-2"
                  href={`/account/blocks/${user.blockedNow.publicId}`}
                >
                  Open report {user.blockedNow.publicId}
                </a>
                {user.openBlocks > 1 ? <span className="text-muted"> ({user.openBlocks} blocks in force)</span> : null}
              </p>
            ) : null}
            <p className="text-muted">
              {formatQuantity(user.blocksLast30Days, "block")} in the last 30 days
              {user.lastBlockAt ? ` · last block ${formatRelative(user.lastBlockAt, now)}` : " · never blocked"}
            </p>
            <div>
              <p className="font-semibold">Sender addresses</p>
              {user.senderAddresses.length ? (
                <ul className="font-mono text-xs [overflow-wrap:anywhere]">
                  {user.senderAddresses.map((address) => (
                    <li key={address}>
                      <EvidenceText value={address} />
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-muted">None recorded: its blocks cover the whole SMTP user.</p>
              )}
              {user.moreAddresses ? <p className="text-muted">More in its history.</p> : null}
            </div>
            <a className="inline-block underline underline-offset-2" href={history}>
              History of <EvidenceText value={user.username} />
            </a>
          </li>
        );
      })}
    </ul>
  );
}
