"use client";

import { useActionState } from "react";
import { reportMessageAction } from "@/lib/actions/sender-actions";
import { TextAreaField, TextField } from "@/components/ui/field";
import { idleFormState } from "@/lib/forms/form-state";
import { Disclosure } from "./disclosure";
import { FormAlert } from "@/components/ui/form-alert";
import { ANCHORS, complianceActionLabel, formPermalink, JUMP_TARGET_MARGIN } from "./anchors";
import { LinkFields } from "./link-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction, ReportLinkFields } from "./types";
import { useSingleSubmit } from "./use-single-submit";

interface ReportMessageFormProps {
  link: ReportLinkFields;
  /** The open case, named by the one reference the sender quotes (the conversation's). */
  openCase: { reference: string } | null;
  /** Fresh for every render of the page: a form posted twice is recorded once. */
  submissionId: string;
  /** Where the form posts; the sender's action unless given (the owner portal passes its own). */
  action?: FormAction;
}

const fieldId = (name: string) => `case-${name}`;
const labels = { note: "Your note (optional)", contactEmail: "Your email address (optional)" };

/** "Report message": hands the report, with its evidence frozen, to compliance. */
export function ReportMessageForm({ link, openCase, submissionId, action }: ReportMessageFormProps) {
  const [state, formAction, pending] = useActionState(
    action ?? reportMessageAction,
    idleFormState,
    formPermalink(link, ANCHORS.caseAlert),
  );
  const onSubmit = useSingleSubmit(pending);
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  return (
    <Disclosure id="report-message" summary={complianceActionLabel(openCase !== null)} open={state.status !== "idle"}>
      <form
        action={formAction}
        onSubmit={onSubmit}
        noValidate
        className="space-y-4"
        aria-label="Report message to compliance"
      >
        <LinkFields link={link} />
        <input type="hidden" name="submissionId" value={submissionId} />
        <FormAlert
          state={state}
          labels={labels}
          fieldId={fieldId}
          successTitle="Sent to compliance"
          id={ANCHORS.caseAlert}
        />
        {openCase ? (
          <p className="text-sm text-muted">
            This report is with our compliance team under your reference{" "}
            <span className="font-mono text-ink">{openCase.reference}</span>, with the evidence as it stood when you
            first sent it. Anything you add here joins that conversation.
          </p>
        ) : (
          <p className="text-sm text-muted">
            Sends this report to our compliance team with the evidence exactly as it stands now, for example if you
            think the block is wrong or you need help with it. A note and an address are optional.
          </p>
        )}
        <TextAreaField
          id={fieldId("note")}
          name="note"
          label={labels.note}
          hint="Up to 4,000 characters."
          errors={errors.note}
          rows={4}
          maxLength={50_000}
          defaultValue={values.note ?? ""}
          className={JUMP_TARGET_MARGIN}
        />
        <TextField
          id={fieldId("contactEmail")}
          name="contactEmail"
          label={labels.contactEmail}
          hint="If you would like a confirmation and a reply."
          errors={errors.contactEmail}
          type="email"
          autoComplete="email"
          maxLength={320}
          defaultValue={values.contactEmail ?? ""}
        />
        <SubmitButton pendingLabel="Sending…">{openCase ? "Add to the case" : "Send to compliance"}</SubmitButton>
      </form>
    </Disclosure>
  );
}
