"use server";

import { refresh } from "next/cache";
import { requireOwnerAction } from "@/lib/auth/session";
import { removeNotificationRecipient, saveNotificationRecipient, unsubscribe } from "@/lib/data/account/notifications";
import type { FormState } from "@/lib/forms/form-state";
import { failureState, formText, formTexts } from "./form-result";

/*
 * The owner's notification settings (the session names the owner; the data layer keeps to
 * their account) and the mail's unsubscribe page (the token is the authority).
 */

export async function saveRecipientAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const fields = { email: formText(formData, "email"), events: formTexts(formData, "events") };
  try {
    const owner = await requireOwnerAction();
    const { email } = await saveNotificationRecipient({ ownerId: owner.id, fields });
    refresh();
    return { status: "success", message: `${email} is notified of the events you chose.` };
  } catch (error) {
    return failureState(error, { email: fields.email, events: fields.events.join(",") }, "save-notification-recipient");
  }
}

export async function removeRecipientAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const owner = await requireOwnerAction();
    await removeNotificationRecipient({ ownerId: owner.id, recipientId: formText(formData, "recipientId") });
    refresh();
    return { status: "success", message: "Removed: that address gets no more notifications." };
  } catch (error) {
    return failureState(error, {}, "remove-notification-recipient");
  }
}

export async function unsubscribeAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    await unsubscribe(formText(formData, "token"));
    return {
      status: "success",
      message: "You are unsubscribed: this address gets no more block notifications from this account.",
    };
  } catch (error) {
    return failureState(error, {}, "unsubscribe");
  }
}
