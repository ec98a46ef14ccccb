"use server";

import { refresh } from "next/cache";
import { requireOwnerAction } from "@/lib/auth/session";
import {
  confirmRecipient,
  removeNotificationRecipient,
  resendRecipientConfirmation,
  resubscribe,
  saveNotificationRecipient,
  unsubscribe,
} from "@/lib/data/account/notifications";
import { LINK_UNUSABLE_CONFIRMATION } from "@/lib/account/notification-events";
import { askFirst, type ConfirmState } from "@/lib/forms/confirm";
import type { FormState } from "@/lib/forms/form-state";
import { failureState, formText, formTexts } from "./form-result";

/*
 * The owner's notification settings (the session names the owner; the data layer keeps to
 * their account), and the pages a mail links to: unsubscribe and confirming an address (the
 * token is the authority there, no session needed).
 */

/** Adds an address (the form under the list) or, with `recipientId`, changes the events of one on the list (its own form). */
export async function saveRecipientAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const recipientId = formText(formData, "recipientId") || undefined;
  const fields = { email: formText(formData, "email"), events: formTexts(formData, "events"), recipientId };
  try {
    const owner = await requireOwnerAction();
    const { email, added, confirmed } = await saveNotificationRecipient({ ownerId: owner.id, fields });
    refresh();
    return {
      status: "success",
      message: added
        ? `${email} is added and waiting for confirmation: we mailed it a link. It gets notifications once someone there confirms.`
        : confirmed
          ? `${email} is notified of the events you chose.`
          : `Events saved. ${email} still waits for confirmation: it gets notifications once someone there uses the link we mailed.`,
    };
  } catch (error) {
    return failureState(error, { email: fields.email, events: fields.events.join(",") }, "save-notification-recipient");
  }
}

const REMOVE_NOT_YET =
  "Nothing is removed yet: the address is removed only when you confirm, with “Yes, remove” under the question on the Notifications page.";

/** Removes an address from the list: the first post only asks (askFirst), the confirmed one removes it. */
export async function removeRecipientAction(_prev: ConfirmState, formData: FormData): Promise<ConfirmState> {
  try {
    const owner = await requireOwnerAction();
    const asked = askFirst(formData, REMOVE_NOT_YET);
    if (asked) return asked;
    await removeNotificationRecipient({ ownerId: owner.id, recipientId: formText(formData, "recipientId") });
    refresh();
    return { status: "success", message: "Removed: that address gets no more notifications." };
  } catch (error) {
    return failureState(error, {}, "remove-notification-recipient");
  }
}

export async function resendConfirmationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const owner = await requireOwnerAction();
    const { email } = await resendRecipientConfirmation({
      ownerId: owner.id,
      recipientId: formText(formData, "recipientId"),
    });
    refresh();
    return {
      status: "success",
      message: `A new confirmation link is on its way to ${email}. The link in any earlier mail no longer works.`,
    };
  } catch (error) {
    return failureState(error, {}, "resend-notification-confirmation");
  }
}

export async function confirmRecipientAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const confirmed = await confirmRecipient(formText(formData, "token"));
    if (!confirmed) return { status: "error", message: LINK_UNUSABLE_CONFIRMATION };
    return {
      status: "success",
      message: `${confirmed.email} is confirmed: it gets the block notifications of ${confirmed.accountName} from now on. Every notification has a link to unsubscribe.`,
    };
  } catch (error) {
    return failureState(error, {}, "confirm-notification-recipient");
  }
}

export async function unsubscribeAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    await unsubscribe(formText(formData, "token"));
    return {
      status: "success",
      message:
        "You are unsubscribed: this address gets no more block notifications from this account, and the account's owner cannot add it again.",
    };
  } catch (error) {
    return failureState(error, {}, "unsubscribe");
  }
}

/** "Subscribe again" on the unsubscribe page: only the unsubscribe link (the address's own mail) lifts it. */
export async function resubscribeAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const back = await resubscribe(formText(formData, "token"));
    if (!back)
      return {
        status: "error",
        message: "This address is not unsubscribed (any more): nothing to do. Reload the page to see where it stands.",
      };
    return {
      status: "success",
      message: `${back.email} is subscribed again: it gets the block notifications of ${back.accountName} it had before. Every notification has a link to unsubscribe.`,
    };
  } catch (error) {
    return failureState(error, {}, "resubscribe");
  }
}
