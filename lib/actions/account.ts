"use server";

import { headers } from "next/headers";
import { refresh } from "next/cache";
import { requireOwnerAction } from "@/lib/auth/session";
import { rotateReportLink } from "@/lib/data/account";
import type { FormState } from "@/lib/forms/form-state";
import { clientAddress } from "@/lib/reports/report-request";
import { failureState, formText } from "./form-result";
import { replyFromForm } from "./sender/reply-from-form";
import { reportMessageFromForm } from "./sender/report-message-from-form";
import { submitAppealFromForm } from "./sender/submit-appeal-from-form";

/** A rotation's answer: the new link, shown once. */
export type RotateLinkState = FormState;

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
    await rotateReportLink({ ownerId: owner.id, publicId: formText(formData, "publicId") });
    refresh();
    return {
      status: "success",
      message: "The old link no longer opens this report. The new one is shown above as the current link.",
    };
  } catch (error) {
    return failureState(error, {}, "rotate-link");
  }
}
