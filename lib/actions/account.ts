"use server";

import { headers } from "next/headers";
import { refresh } from "next/cache";
import { requireOwnerAction } from "@/lib/auth/session";
import { rotateReportLink } from "@/lib/data/account";
import { askFirst, type ConfirmState } from "@/lib/forms/confirm";
import type { FormState } from "@/lib/forms/form-state";
import { clientAddress } from "@/lib/reports/report-request";
import { failureState, formText } from "./form-result";
import { replyFromForm } from "./sender/reply-from-form";
import { reportMessageFromForm } from "./sender/report-message-from-form";
import { submitAppealFromForm } from "./sender/submit-appeal-from-form";

/**
 * A rotation's answer. `confirm` is the question asked before anything changes: the link is
 * replaced only by a post that carries the confirmation (askFirst; the form's "Yes" button).
 */
export type RotateLinkState = ConfirmState;

const ROTATE_LINK_QUESTION =
  "The link the sender has stops working at once and for good: it will show “This report link was replaced”, and you will have to send them the new one. Replace the link?";

/*
 * The owner portal's actions on a report: the sender's own three (request a review, answer
 * the reviewer, report to compliance; the same form functions as the sender's) and the
 * link rotation. Each is a public POST endpoint: the session names the owner
 * (requireOwnerAction), the form only the report id, and the data layer checks that the
 * report belongs to the owner's account, in the query (another account's report is
 * NOT_FOUND). Events record the owner as the actor.
 */
async function asOwner(
  formData: FormData,
  run: (formData: FormData, client: string, ownerId: string) => Promise<FormState>,
): Promise<FormState> {
  let ownerId: string;
  try {
    ownerId = (await requireOwnerAction()).id;
  } catch (error) {
    return failureState(error, {}, "owner-action");
  }
  const state = await run(formData, clientAddress(await headers()), ownerId);
  if (state.status === "success") refresh();
  return state;
}

export async function ownerRequestReviewAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return asOwner(formData, submitAppealFromForm);
}

export async function ownerReplyAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return asOwner(formData, replyFromForm);
}

export async function ownerReportMessageAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return asOwner(formData, reportMessageFromForm);
}

export async function rotateLinkAction(_prev: RotateLinkState, formData: FormData): Promise<RotateLinkState> {
  try {
    const owner = await requireOwnerAction();
    const asked = askFirst(formData, ROTATE_LINK_QUESTION);
    if (asked) return asked;
    await rotateReportLink({ ownerId: owner.id, publicId: formText(formData, "publicId") });
    refresh();
    return {
      status: "success",
      message:
        "Send the new link, shown above as the current link, to the sender. The link they have no longer opens this report: it now shows “This report link was replaced”.",
    };
  } catch (error) {
    return failureState(error, {}, "rotate-link");
  }
}
