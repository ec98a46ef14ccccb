"use server";

import { refresh } from "next/cache";
import { headers } from "next/headers";
import { INVITE_FIELD_NAMES } from "@/lib/auth/invite-form";
import { getSessionUser } from "@/lib/auth/session";
import { deleteDecisionTemplate, reverseDecision, saveDecisionTemplate } from "@/lib/data/staff";
import { INVITATION_DAYS, inviteUser, resendInvitation, revokeInvitation } from "@/lib/data/users/invitations";
import { changeUserRole, setUserDisabled } from "@/lib/data/users/manage-users";
import { AppError } from "@/lib/errors";
import { askFirst, type ConfirmState } from "@/lib/forms/confirm";
import type { FormState } from "@/lib/forms/form-state";
import { clientAddress } from "@/lib/reports/report-request";
import { failureState, formText, readFormFields } from "./form-result";

/*
 * The console's admin-only actions. Each is a public POST endpoint: the session must be an
 * admin's here, and the data layer checks the role again in its transaction.
 */
async function asAdmin(
  formData: unknown,
  names: readonly string[],
  action: string,
  run: (adminId: string, fields: Record<string, string>) => Promise<{ message: string; reference?: string }>,
  /** For an action that asks first: what a post without the confirmation is told (nothing changes); undefined: go ahead. */
  askUnless?: (fields: Record<string, string>) => string | undefined,
): Promise<ConfirmState> {
  const fields = readFormFields(formData, names);
  try {
    const user = await getSessionUser();
    if (user?.role !== "ADMIN")
      throw new AppError(
        "FORBIDDEN",
        "Your session has ended or does not allow this. Sign in again with an admin login.",
      );
    const notYet = askUnless?.(fields);
    const asked = notYet === undefined ? null : askFirst(formData, notYet);
    // The question keeps what it is about (the form's "Yes" sends it again).
    if (asked) return asked.confirm ? { ...asked, values: fields } : asked;
    const done = await run(user.id, fields);
    refresh();
    return { status: "success", ...done };
  } catch (error) {
    return failureState(error, fields, action);
  }
}

export async function reverseDecisionAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return asAdmin(formData, ["reverses", "reason"], "reverse-decision", async (adminId, fields) => {
    const { reference, status, blockEnded } = await reverseDecision({
      adminId,
      reference: formText(formData, "reference"),
      fields,
    });
    const ended =
      blockEnded &&
      `the block had ${blockEnded.status === "LIFTED" ? "been lifted" : "expired"} before, so it stays ended`;
    return {
      reference,
      message:
        status === "APPROVED"
          ? `The decline of ${reference} is reversed: the request is approved and ${ended ?? "the block lifted"}. The sender and the relay are told.`
          : `The approval of ${reference} is reversed: the request is declined and ${ended ?? "the block is back in force"}. The sender and the relay are told.`,
    };
  });
}

const TEMPLATE_FIELDS = ["title", "decision", "reason", "body"] as const;

/** Adds a decision template, or (with an `id`) changes one. */
export async function saveDecisionTemplateAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return asAdmin(formData, TEMPLATE_FIELDS, "save-template", async (adminId, fields) => {
    const id = formText(formData, "id");
    const template = await saveDecisionTemplate({ adminId, id: id || undefined, fields });
    return {
      message: `Template “${template.title}” ${id ? "saved" : "added"}. Reviewers are offered it on ${template.reason ? `${template.reason.toLowerCase()} blocks` : "every block"}.`,
    };
  });
}

export async function deleteDecisionTemplateAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return asAdmin(formData, [], "delete-template", async (adminId) => {
    const { title } = await deleteDecisionTemplate({ adminId, id: formText(formData, "id") });
    return { message: `Template “${title}” deleted. Texts already sent are not changed.` };
  });
}

/** Makes a staff member an admin, or an admin staff. */
export async function changeUserRoleAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return asAdmin(formData, ["role"], "change-role", async (adminId, fields) => {
    const { email, role } = await changeUserRole({
      adminId,
      userId: formText(formData, "userId"),
      role: fields.role ?? "",
      client: clientAddress(await headers()),
    });
    return { message: `${email} is ${role === "ADMIN" ? "an admin" : "staff"} now, from their next page.` };
  });
}

const DISABLE_NOT_YET =
  "Nothing is changed yet: disabling signs the user out everywhere at once, so the login is disabled only when you confirm, with “Yes, disable the login” under the question on the Users page.";

/**
 * Disables a login (its sessions end at once; the first post only asks, askFirst) or enables
 * it again: the form's `op`.
 */
export async function setUserDisabledAction(_prev: ConfirmState, formData: FormData): Promise<ConfirmState> {
  const ask = (fields: Record<string, string>) => (fields.op === "disable" ? DISABLE_NOT_YET : undefined);
  return asAdmin(
    formData,
    ["op"],
    "disable-user",
    async (adminId, fields) => {
      if (fields.op !== "disable" && fields.op !== "enable") throw new AppError("INVALID", "Choose disable or enable.");
      const { email } = await setUserDisabled({
        adminId,
        userId: formText(formData, "userId"),
        disabled: fields.op === "disable",
        client: clientAddress(await headers()),
      });
      return {
        message:
          fields.op === "disable"
            ? `${email} is disabled: they cannot sign in, and their sessions have ended.`
            : `${email} can sign in again.`,
      };
    },
    ask,
  );
}

/** Invites someone by email with a role (an owner with their account): they get a one-time link to set a password. */
export async function inviteUserAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return asAdmin(formData, INVITE_FIELD_NAMES, "invite-user", async (adminId, fields) => {
    const { email } = await inviteUser({ adminId, fields, client: clientAddress(await headers()) });
    return {
      message: `${email} is invited: a link to choose a password is on its way to them. It works once, for ${INVITATION_DAYS} days.`,
    };
  });
}

const REVOKE_NOT_YET =
  "Nothing is changed yet: the invitation is withdrawn only when you confirm, with “Yes, revoke the invitation” under the question on the Users page.";

/**
 * Mails a pending invitation again with a new link, or withdraws it (the first post only
 * asks, askFirst): the pressed button's value is `resend:<user id>` or `revoke:<user id>`.
 */
export async function manageInvitationAction(_prev: ConfirmState, formData: FormData): Promise<ConfirmState> {
  const ask = (fields: Record<string, string>) =>
    fields.invitation?.startsWith("revoke:") ? REVOKE_NOT_YET : undefined;
  return asAdmin(
    formData,
    ["invitation"],
    "manage-invitation",
    async (adminId) => {
      const [op = "", userId = ""] = formText(formData, "invitation").split(":", 2);
      const input = { adminId, userId, client: clientAddress(await headers()) };
      if (op === "resend") {
        const { email } = await resendInvitation(input);
        return {
          message: `The invitation to ${email} is sent again, with a new link; the earlier link no longer works.`,
        };
      }
      if (op === "revoke") {
        const { email } = await revokeInvitation(input);
        return { message: `The invitation to ${email} is withdrawn: its link no longer works.` };
      }
      throw new AppError("INVALID", "Choose resend or revoke.");
    },
    ask,
  );
}
