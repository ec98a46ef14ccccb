"use server";

import { refresh } from "next/cache";
import { headers } from "next/headers";
import { DECISION_FIELD_NAMES, type AppealDecision } from "@/lib/appeals";
import { requireStaffAction } from "@/lib/auth/session";
import {
  addCaseNote,
  claimItem,
  closeCase,
  decideAppeal,
  liftBlockAsStaff,
  reassignItem,
  releaseItem,
  replyToCase,
} from "@/lib/data/staff";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { clientAddress } from "@/lib/reports/report-request";
import type { FormState } from "@/lib/forms/form-state";
import type { BlockEnded } from "@/lib/data/staff/decide-appeal";
import { failureState, formText, readFormFields } from "./form-result";

// A block that ended while the request waited (lifted by the relay, expired) is neither lifted nor kept by the decision.
const endedWords = (ended: BlockEnded) =>
  ended.status === "LIFTED" ? "had already been lifted" : "had already expired";

const DONE: Record<AppealDecision, (reference: string, ended: BlockEnded | undefined) => string> = {
  approve: (reference, ended) =>
    ended
      ? `Request ${reference} approved; the block ${endedWords(ended)}. The sender and the relay are told.`
      : `Request ${reference} approved and the block lifted. The sender and the relay are told.`,
  deny: (reference, ended) =>
    ended
      ? `Request ${reference} declined; the block ${endedWords(ended)}, and declining does not put it back. The sender is told, with your reason.`
      : `Request ${reference} declined; the block stays. The sender is told, with your reason.`,
  ask: (reference) =>
    `Your question on ${reference} is sent. The request comes back to the queue when the sender answers.`,
};

interface StaffForm {
  /** The form fields the data function validates. */
  names: readonly string[];
  /** The hidden field naming what is acted on (a reference, a report id). */
  target: string;
  /** For the log when something unexpected fails. */
  action: string;
  run: (
    staffId: string,
    target: string,
    fields: Record<string, string>,
  ) => Promise<{ message: string; reference?: string }>;
}

/*
 * The staff console's actions. Each is a public POST endpoint: the session is checked here
 * (requireStaffAction) and the role again by the data layer, in the transaction. On
 * success the page is re-rendered so it shows the new state.
 */
async function asStaff(formData: unknown, { names, target, action, run }: StaffForm): Promise<FormState> {
  const fields = readFormFields(formData, names);
  try {
    const staff = await requireStaffAction();
    const done = await run(staff.id, formText(formData, target), fields);
    refresh();
    return { status: "success", ...done };
  } catch (error) {
    return failureState(error, fields, action);
  }
}

export async function decideAppealAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return asStaff(formData, {
    names: DECISION_FIELD_NAMES,
    target: "reference",
    action: "decide-appeal",
    run: async (staffId, reference, fields) => {
      const result = await decideAppeal({ staffId, reference, fields });
      return {
        reference: result.reference,
        message: DONE[fields.decision as AppealDecision](result.reference, result.blockEnded),
      };
    },
  });
}

export async function liftBlockAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return asStaff(formData, {
    names: ["reason"],
    target: "publicId",
    action: "lift-block",
    run: async (staffId, publicId, fields) => {
      await liftBlockAsStaff({ staffId, publicId, fields });
      return { message: `Block ${publicId} lifted. The relay is told; the report shows your reason.` };
    },
  });
}

const mailedWords = (mailed: boolean) =>
  mailed
    ? "The sender is mailed and sees it on the report."
    : "The sender sees it on the report (they gave no address).";

export async function replyToCaseAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return asStaff(formData, {
    names: ["message"],
    target: "reference",
    action: "reply-to-case",
    run: async (staffId, reference, fields) => {
      const { mailed } = await replyToCase({ staffId, reference, fields });
      return { reference, message: `Reply sent on case ${reference}. ${mailedWords(mailed)}` };
    },
  });
}

export async function addCaseNoteAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return asStaff(formData, {
    names: ["note"],
    target: "reference",
    action: "case-note",
    run: async (staffId, reference, fields) => {
      await addCaseNote({ staffId, reference, fields });
      return { reference, message: `Internal note added to case ${reference}. The sender does not see it.` };
    },
  });
}

export async function closeCaseAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return asStaff(formData, {
    names: ["message", "note"],
    target: "reference",
    action: "close-case",
    run: async (staffId, reference, fields) => {
      const { mailed } = await closeCase({ staffId, reference, fields });
      return { reference, message: `Case ${reference} closed. ${mailedWords(mailed)}` };
    },
  });
}

/** Claim, release or (admins) reassign a queue item: the `op` the pressed button names. */
export async function claimAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return asStaff(formData, {
    names: ["op", "assignee"],
    target: "reference",
    action: "claim",
    run: async (staffId, reference, fields) => {
      const client = clientAddress(await headers());
      if (fields.op === "claim") {
        await claimItem({ staffId, reference, client });
        return {
          reference,
          message: `You have claimed ${reference}. It stays yours while you work on it; after ${env.CLAIM_IDLE_MINUTES} minutes without you opening it, others may claim it.`,
        };
      }
      if (fields.op === "release") {
        await releaseItem({ staffId, reference, client });
        return { reference, message: `${reference} is released: anyone may claim it now.` };
      }
      if (fields.op === "reassign") {
        const { assigneeName } = await reassignItem({ staffId, reference, assigneeId: fields.assignee ?? "", client });
        return { reference, message: `${reference} is now claimed by ${assigneeName}.` };
      }
      throw new AppError("INVALID", "Choose claim, release or reassign.");
    },
  });
}
