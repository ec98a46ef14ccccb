import type { Metadata } from "next";
import { notFound } from "next/navigation";
import {
  changeUserRoleAction,
  inviteUserAction,
  manageInvitationAction,
  setUserDisabledAction,
} from "@/lib/actions/admin";
import { EvidenceText } from "@/components/report/evidence-text";
import { StaffShell } from "@/components/staff/staff-shell";
import { InviteForm } from "@/components/staff/invite-form";
import { ManageInvitationForm, UserControls } from "@/components/staff/user-controls";
import { DataTable } from "@/components/ui/data-table";
import { Section } from "@/components/ui/section";
import { StatusBadge } from "@/components/ui/status-badge";
import { requireStaffPage } from "@/lib/auth/session";
import { INVITATION_DAYS, listInvitableAccounts } from "@/lib/data/users/invitations";
import { listUsers, USER_LIST_LIMIT, type ManagedUser } from "@/lib/data/users/manage-users";
import { env } from "@/lib/env";
import { showInvisibles } from "@/lib/evidence/defang";
import { formatUtcDateTime } from "@/lib/evidence/format";

export const metadata: Metadata = { title: "Users" };

const ROLE_WORDS = { STAFF: "Staff", ADMIN: "Admin", OWNER: "Account owner" } as const;

/** Admins see every login, invite people, and change a staff member's role or disable a login. */
export default async function UsersPage() {
  const staff = await requireStaffPage("/staff/users");
  // Not an admin: as if the page did not exist (the navigation does not offer it either).
  if (staff.role !== "ADMIN") notFound();
  const [users, accounts] = await Promise.all([
    listUsers({ adminId: staff.id }),
    listInvitableAccounts({ adminId: staff.id }),
  ]);
  return (
    <StaffShell relayName={env.RELAY_NAME} staffName={staff.name} current="users" isAdmin>
      <div className="space-y-1">
        <h1 className="text-2xl leading-tight font-semibold sm:text-3xl">Users</h1>
        <p className="text-muted">
          Every login to the console and the owner portal. An invited user signs in once they have chosen their
          password. A disabled login cannot sign in, and its sessions end on their next request; a role change applies
          from the user&apos;s next page.
        </p>
      </div>
      <Section
        id="invite"
        title="Invite someone"
        description={`They get a mail with a link to choose their password (it works once, for ${INVITATION_DAYS} days); until then they cannot sign in.`}
      >
        <InviteForm
          invite={inviteUserAction}
          accounts={accounts.map((account) => ({ id: account.id, name: showInvisibles(account.name) }))}
        />
      </Section>
      <Section id="users" title={`Logins (${users.length}${users.length === USER_LIST_LIMIT ? "+" : ""})`}>
        <ManageInvitationForm
          manage={manageInvitationAction}
          invited={users.flatMap((user) => (user.invitation ? [{ id: user.id, email: user.email }] : []))}
        />
        <DataTable<ManagedUser>
          caption="Logins, staff first"
          captionHidden
          stackOnPhones
          rows={users}
          rowKey={(user) => user.id}
          columns={[
            {
              header: "Name and email",
              // Floors under the columns: names and addresses may break anywhere, so without
              // them a narrow table squeezes them to a few letters a line (on a phone each row is a card).
              cell: (user) => (
                <div className="min-w-40">
                  <span className="font-medium">
                    <EvidenceText value={user.name} />
                  </span>
                  <br />
                  <span className="[overflow-wrap:anywhere] text-muted">
                    <EvidenceText value={user.email} />
                  </span>
                </div>
              ),
            },
            {
              header: "Role",
              cell: (user) => (
                <div className="min-w-32">
                  {ROLE_WORDS[user.role]}
                  {user.accountName ? (
                    <>
                      <br />
                      <span className="text-muted">
                        <EvidenceText value={user.accountName} />
                      </span>
                    </>
                  ) : null}
                </div>
              ),
            },
            {
              header: "Access",
              cell: (user) =>
                // The badge's word alone (a badge does not wrap); its date below it, as an invitation's.
                user.disabledAt ? (
                  <>
                    <StatusBadge tone="neutral" label="Disabled" />
                    <br />
                    <span className="text-sm text-muted">Since {formatUtcDateTime(user.disabledAt)}</span>
                  </>
                ) : user.invitation ? (
                  <>
                    <StatusBadge tone="info" label="Invited" />
                    <br />
                    <span className="text-sm text-muted">
                      {user.invitation.linkExpiresAt
                        ? `Sent ${formatUtcDateTime(user.invitation.invitedAt)}; the link works until ${formatUtcDateTime(user.invitation.linkExpiresAt)}`
                        : `Sent ${formatUtcDateTime(user.invitation.invitedAt)}; the link has expired: resend it`}
                    </span>
                  </>
                ) : (
                  <StatusBadge tone="success" label="Can sign in" />
                ),
            },
            {
              header: "Change",
              cell: (user) => (
                <UserControls
                  changeRole={changeUserRoleAction}
                  setDisabled={setUserDisabledAction}
                  user={{
                    id: user.id,
                    email: user.email,
                    role: user.role,
                    disabled: user.disabledAt !== null,
                    invited: user.invitation !== null,
                  }}
                  self={user.id === staff.id}
                />
              ),
            },
          ]}
        />
      </Section>
    </StaffShell>
  );
}
