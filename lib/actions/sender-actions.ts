"use server";

import { headers } from "next/headers";
import { refresh } from "next/cache";
import type { FormState } from "@/lib/forms/form-state";
import { clientAddress } from "@/lib/reports/report-request";
import { replyFromForm } from "./sender/reply-from-form";
import { reportMessageFromForm } from "./sender/report-message-from-form";
import { submitAppealFromForm } from "./sender/submit-appeal-from-form";

/*
 * The report page's server actions. Each is a public POST endpoint: the report link (id
 * and secret from the form) is the only authority, and it is checked against the database
 * on every call by the data layer; the block's state and reason are re-read there too.
 * With JavaScript off the form posts to the page and the page renders the returned state.
 */

// The same client key the report link's miss limit uses (the address the front server resolved).
async function clientKey(): Promise<string> {
  return clientAddress(await headers());
}

/** Re-render the report so it shows where the request now stands. */
function showNewState(state: FormState): FormState {
  if (state.status === "success") refresh();
  return state;
}

export async function requestReviewAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return showNewState(await submitAppealFromForm(formData, await clientKey()));
}

export async function reportMessageAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return showNewState(await reportMessageFromForm(formData, await clientKey()));
}

export async function replyToInfoRequestAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return showNewState(await replyFromForm(formData, await clientKey()));
}
