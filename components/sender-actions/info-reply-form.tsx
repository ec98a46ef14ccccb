"use client";

import { useActionState } from "react";
import { replyToInfoRequestAction } from "@/lib/actions/sender-actions";
import { TextAreaField } from "@/components/ui/field";
import { idleFormState } from "@/lib/forms/form-state";
import { FormAlert } from "@/components/ui/form-alert";
import { ANCHORS, formPermalink } from "./anchors";
import { LinkFields } from "./link-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction, ReportLinkFields } from "./types";
import { useSingleSubmit } from "./use-single-submit";

const fieldId = (name: string) => `reply-${name}`;
const labels = { body: "Your answer" };

interface InfoReplyFormProps {
  link: ReportLinkFields;
  reference: string;
  /** The reviewer's open question; null once answered (only a confirmation just given stays). */
  question: { body: string; askedAt: string } | null;
  /** "27 Nov 2026 14:02 UTC · 3 h ago", rendered by the server. */
  askedWhen?: string;
  /** Where the form posts; the sender's action unless given (the owner portal passes its own). */
  action?: FormAction;
}

/**
 * The reviewer's question with the answer box right under it: nothing sits between them.
 * The top of the report links here (ANCHORS.question). Open, not folded: it is what the
 * sender came for.
 */
export function InfoReplyForm({ link, reference, question, askedWhen, action }: InfoReplyFormProps) {
  const [state, formAction, pending] = useActionState(
    action ?? replyToInfoRequestAction,
    idleFormState,
    formPermalink(link, ANCHORS.replyAlert),
  );
  const onSubmit = useSingleSubmit(pending);
  // No question open (any more): only a confirmation just given stays on screen.
  if (!question)
    return (
      <FormAlert state={state} labels={labels} fieldId={fieldId} successTitle="Answer sent" id={ANCHORS.replyAlert} />
    );
  return (
    <div
      id={ANCHORS.question}
      tabIndex={-1}
      className="scroll-mt-4 space-y-4 rounded-md border border-l-4 border-line border-l-warning p-4 outline-none"
    >
      <div className="space-y-1 text-sm">
        <p className="font-semibold">
          <span aria-hidden="true">▲ </span>The reviewer asked you
          {askedWhen ? <span className="font-normal text-muted"> · {askedWhen}</span> : null}
        </p>
        <blockquote className="border-l-4 border-line pl-3 text-base font-medium [overflow-wrap:anywhere] whitespace-pre-line">
          {question.body}
        </blockquote>
      </div>
      <form
        action={formAction}
        onSubmit={onSubmit}
        noValidate
        className="space-y-4"
        aria-label={`Answer the reviewer (${reference})`}
      >
        <LinkFields link={link} />
        <FormAlert state={state} labels={labels} fieldId={fieldId} successTitle="Answer sent" id={ANCHORS.replyAlert} />
        <TextAreaField
          id={fieldId("body")}
          name="body"
          label={labels.body}
          hint="Up to 4,000 characters. It goes to the reviewer of your request, and the review continues."
          errors={state.fieldErrors?.body}
          rows={5}
          maxLength={50_000}
          defaultValue={state.values?.body ?? ""}
        />
        <SubmitButton pendingLabel="Sending your answer…">Send answer</SubmitButton>
      </form>
    </div>
  );
}
