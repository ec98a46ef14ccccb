"use server";

import { refresh } from "next/cache";
import { DECISION_FIELD_NAMES, type AppealDecision } from "@/lib/appeals";
import { requireStaffAction } from "@/lib/auth/session";
import { closeCase, decideAppeal, liftBlockAsStaff } from "@/lib/data/staff";
import type { FormState } from "@/lib/forms/form-state";
import { failureState } from "./sender/form-result";

const DONE: Record<AppealDecision, (reference: string) => string> = {
  approve: (reference) => `Request ${reference} approved and the block lifted. The sender and the relay are told.`,
  deny: (reference) => `Request ${reference} declined; the block stays. The sender is told, with your reason.`,
  ask: (reference) => `Your question on ${reference} is sent. The request comes back to the queue when the sender answers.`,
};

/*
 * The staff console's actions. Each is a public POST endpoint: the session is checked here
 * (requireStaffAction) and the role again by the data layer, in the transaction.
 */
export async function decideAppealAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const fields = Object.fromEntries(DECISION_FIELD_NAMES.map((name) => [name, String(formData.get(name) ?? "")]));
  try {
    const staff = await requireStaffAction();
    const reference = String(formData.get("reference") ?? "");
    const result = await decideAppeal({ staffId: staff.id, reference, fields });
    refresh();
    const decision = fields.decision as AppealDecision;
    return { status: "success", reference: result.reference, message: DONE[decision](result.reference) };
  } catch (error) {
    return failureState(error, fields, "decide-appeal");
  }
}


export async function liftBlockAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const fields = { reason: String(formData.get("reason") ?? "") };
  try {
    const staff = await requireStaffAction();
    const { publicId } = await liftBlockAsStaff({ staffId: staff.id, publicId: String(formData.get("publicId") ?? ""), fields });
    refresh();
    return { status: "success", message: `Block ${publicId} lifted. The relay is told; the report shows your reason.` };
  } catch (error) {
    return failureState(error, fields, "lift-block");
  }
}

export async function closeCaseAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const fields = { note: String(formData.get("note") ?? "") };
  try {
    const staff = await requireStaffAction();
    const { reference } = await closeCase({ staffId: staff.id, reference: String(formData.get("reference") ?? ""), fields });
    refresh();
    return { status: "success", reference, message: `Case ${reference} closed.` };
  } catch (error) {
    return failureState(error, fields, "close-case");
  }
}
