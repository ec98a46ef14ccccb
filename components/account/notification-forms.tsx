"use client";

import { useActionState, useEffect, useRef, useState, type ReactNode } from "react";
import {
  confirmRecipientAction,
  removeRecipientAction,
  resendConfirmationAction,
  resubscribeAction,
  saveRecipientAction,
  unsubscribeAction,
} from "@/lib/actions/notifications";
import { Button } from "@/components/ui/button";
import { CheckboxField, TextField } from "@/components/ui/field";
import { ConfirmStep } from "@/components/ui/confirm-step";
import { FormAlert } from "@/components/ui/form-alert";
import { StatusBadge } from "@/components/ui/status-badge";
import { SubmitButton } from "@/components/ui/submit-button";
import {
  NOTIFICATION_EVENT_KEYS,
  NOTIFICATION_EVENTS,
  type NotificationEvent,
} from "@/lib/account/notification-events";
import { formatUtcDate, formatUtcDateTime } from "@/lib/evidence/format";
import type { ConfirmState } from "@/lib/forms/confirm";
import { idleFormState, type FormState } from "@/lib/forms/form-state";

const fieldId = (name: string) => `notify-${name}`;
const labels = { email: "Address to notify", events: "Events" };
const address = (email: string) => <span className="font-mono [overflow-wrap:anywhere]">{email}</span>;

/**
 * A form's success, until another form of the page is sent: then it is old news, and would
 * stand beside a different action ("Saved" next to "Stop sending …?"). A refusal stays: it
 * is about what is still typed in its form. Without JavaScript every post brings a page with
 * the one answer it got.
 */
function useSuccessUntilAnotherForm(state: FormState) {
  const form = useRef<HTMLFormElement>(null);
  const [dismissed, setDismissed] = useState<FormState | null>(null);
  useEffect(() => {
    if (state.status !== "success") return;
    const onSubmit = (event: SubmitEvent) => {
      if (event.target !== form.current) setDismissed(state);
    };
    document.addEventListener("submit", onSubmit, true);
    return () => document.removeEventListener("submit", onSubmit, true);
  }, [state]);
  return { form, shown: dismissed === state ? idleFormState : state };
}

/** Adds an address; one already on the list is refused (its own form changes its events). */
export function RecipientForm() {
  const [state, formAction] = useActionState(saveRecipientAction, idleFormState);
  const { form, shown } = useSuccessUntilAnotherForm(state);
  const chosen = state.values?.events?.split(",") ?? NOTIFICATION_EVENT_KEYS;
  return (
    <form ref={form} action={formAction} noValidate className="space-y-4" aria-label="Add an address to notify">
      <FormAlert state={shown} labels={labels} fieldId={fieldId} successTitle="Added" errorTitle="Not added" />
      <TextField
        id={fieldId("email")}
        name="email"
        label={labels.email}
        errors={state.fieldErrors?.email}
        type="email"
        maxLength={320}
        defaultValue={state.values?.email ?? ""}
      />
      <fieldset id={fieldId("events")} className="space-y-2">
        <legend className="text-sm font-semibold">{labels.events}</legend>
        {NOTIFICATION_EVENT_KEYS.map((key) => (
          <CheckboxField
            key={`${key}-${state.status}`}
            id={fieldId(`event-${key}`)}
            name="events"
            value={key}
            defaultChecked={chosen.includes(key)}
            label={NOTIFICATION_EVENTS[key].label}
          />
        ))}
        {state.fieldErrors?.events ? (
          <p className="text-sm font-medium text-danger">
            <span aria-hidden="true">■ </span>
            {state.fieldErrors.events.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <SubmitButton pendingLabel="Adding…">Add address</SubmitButton>
    </form>
  );
}

/**
 * One address on the list: whether it confirmed, its own events to change (a form of its
 * own: saving it never mails the address), "send the confirmation again" while it waits, and
 * remove, last (it asks first: ConfirmStep).
 */
export function RecipientRow({
  id,
  email,
  events,
  confirmedAt,
  confirmationSentAt,
  confirmationExpiresAt,
}: {
  id: string;
  email: string;
  events: NotificationEvent[];
  /** ISO times (null: not confirmed; never sent; no live link). */
  confirmedAt: string | null;
  confirmationSentAt: string | null;
  confirmationExpiresAt: string | null;
}) {
  const removeId = fieldId(`${id}-remove`);
  // Without JavaScript the page comes back at this row's Remove form, with its question.
  const [state, formAction] = useActionState<ConfirmState, FormData>(
    removeRecipientAction,
    idleFormState,
    `/account/notifications#${removeId}`,
  );
  const [resendState, resendAction] = useActionState(resendConfirmationAction, idleFormState);
  const [saveState, saveAction] = useActionState(saveRecipientAction, idleFormState);
  const { form: resendForm, shown: resendShown } = useSuccessUntilAnotherForm(resendState);
  const { form: saveForm, shown: saveShown } = useSuccessUntilAnotherForm(saveState);
  const stateId = fieldId(`state-${id}`);
  const eventsId = fieldId(`${id}-events`);
  // A refused save keeps what was ticked; otherwise the saved events (a success re-renders with them).
  const chosen = saveState.status === "error" ? (saveState.values?.events?.split(",") ?? []) : events;
  const eventErrors = saveState.fieldErrors?.events;
  return (
    <li className="space-y-3 border-b border-line pb-4 last:border-b-0">
      <FormAlert
        state={resendShown}
        labels={{}}
        fieldId={fieldId}
        successTitle="Confirmation sent"
        errorTitle="Not sent"
      />
      <div className="space-y-1">
        <p className="font-mono text-sm font-semibold [overflow-wrap:anywhere]">{email}</p>
        <div id={stateId} className="space-y-1">
          {confirmedAt ? (
            <StatusBadge tone="success" label="Confirmed" />
          ) : (
            <>
              <StatusBadge tone="warning" label="Waiting for confirmation" />
              <p className="text-sm text-muted">
                {confirmationSentAt ? `Confirmation mailed ${formatUtcDateTime(confirmationSentAt)}. ` : null}
                {confirmationExpiresAt
                  ? `Its link works until ${formatUtcDateTime(confirmationExpiresAt)}. Nothing else is mailed to this address until someone there confirms.`
                  : "Its link no longer works: send the confirmation again. Nothing else is mailed to this address until someone there confirms."}
              </p>
            </>
          )}
        </div>
      </div>
      <form ref={saveForm} action={saveAction} noValidate className="space-y-3" aria-label={`Events for ${email}`}>
        <input type="hidden" name="recipientId" value={id} />
        <FormAlert
          state={saveShown}
          labels={{ events: "Events" }}
          fieldId={() => eventsId}
          successTitle="Saved"
          errorTitle="Not saved"
        />
        <fieldset id={eventsId} className="space-y-2">
          <legend className="text-sm font-semibold">Events mailed to this address</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {NOTIFICATION_EVENT_KEYS.map((key) => (
              <CheckboxField
                key={`${key}-${saveState.status}-${events.join(",")}`}
                id={fieldId(`${id}-event-${key}`)}
                name="events"
                value={key}
                defaultChecked={chosen.includes(key)}
                label={NOTIFICATION_EVENTS[key].label}
              />
            ))}
          </div>
          {eventErrors ? (
            <p className="text-sm font-medium text-danger">
              <span aria-hidden="true">■ </span>
              {eventErrors.join(" ")}
            </p>
          ) : null}
        </fieldset>
        <SubmitButton variant="secondary" pendingLabel="Saving…">
          Save events
        </SubmitButton>
      </form>
      {confirmedAt ? null : (
        <form ref={resendForm} action={resendAction} aria-label={`Send the confirmation to ${email} again`}>
          <input type="hidden" name="recipientId" value={id} />
          <Button type="submit" variant="secondary" aria-describedby={stateId}>
            Send the confirmation again
          </Button>
        </form>
      )}
      <form id={removeId} action={formAction} className="scroll-mt-4 space-y-3" aria-label={`Remove ${email}`}>
        <input type="hidden" name="recipientId" value={id} />
        <FormAlert state={state} labels={{}} fieldId={fieldId} successTitle="Removed" errorTitle="Not removed" />
        <ConfirmStep
          state={state}
          question={<>Stop sending notifications to {address(email)} and remove it?</>}
          yes="Yes, remove"
          pendingLabel="Removing…"
        >
          <SubmitButton variant="secondary" pendingLabel="Asking…">
            Remove
          </SubmitButton>
        </ConfirmStep>
      </form>
    </li>
  );
}

type FormAction = (previous: FormState, formData: FormData) => Promise<FormState>;

/**
 * The page of a link we mailed: its question and one button while the link is live (a GET
 * of the page changes nothing: mail scanners open links), the answer once it is pressed. The
 * answer comes first: after the POST the link is used up (or the address gone), so the page a
 * form posted without JavaScript comes back to would otherwise call the link unusable.
 */
function MailedLinkForm({
  action,
  token,
  question,
  unusable,
  button,
  pendingLabel,
  formLabel,
  successTitle,
  errorTitle,
}: {
  action: FormAction;
  token: string;
  /** Null when the link is not live. */
  question: ReactNode | null;
  unusable: ReactNode;
  button: string;
  pendingLabel: string;
  formLabel: string;
  successTitle: string;
  errorTitle: string;
}) {
  const [state, formAction] = useActionState(action, idleFormState);
  const alert = (
    <FormAlert state={state} labels={{}} fieldId={fieldId} successTitle={successTitle} errorTitle={errorTitle} />
  );
  if (state.status === "success") return alert;
  if (question === null) return state.status === "error" ? alert : unusable;
  return (
    <>
      <p>{question}</p>
      <form action={formAction} className="space-y-3" aria-label={formLabel}>
        <input type="hidden" name="token" value={token} />
        {alert}
        <SubmitButton pendingLabel={pendingLabel}>{button}</SubmitButton>
      </form>
    </>
  );
}

interface MailedLinkProps {
  token: string;
  found: { email: string; accountName: ReactNode } | null;
  unusable: ReactNode;
}

/** The confirmation link's page (/notifications/confirm). */
export function ConfirmRecipientForm({ token, found, unusable }: MailedLinkProps) {
  return (
    <MailedLinkForm
      action={confirmRecipientAction}
      token={token}
      question={
        found && (
          <>
            Send {address(found.email)} the block notifications of {found.accountName}? You can unsubscribe from any of
            them in one click.
          </>
        )
      }
      unusable={unusable}
      button="Confirm"
      pendingLabel="Confirming…"
      formLabel={found ? `Confirm ${found.email}` : "Confirm"}
      successTitle="Address confirmed"
      errorTitle="Not confirmed"
    />
  );
}

/**
 * The unsubscribe link's page (/unsubscribe/<token>): "Unsubscribe" while the address is on
 * the list; once it unsubscribed (just now, or opened again later), "Subscribe again", which
 * only this link can do. Each is a POST (a GET of the page changes nothing), and the answer
 * comes from the action's state first, so the page a form posted without JavaScript comes back
 * to shows it.
 */
export function UnsubscribeForm({
  token,
  found,
  unusable,
}: {
  token: string;
  found: { email: string; accountName: ReactNode; unsubscribedAt: string | null } | null;
  unusable: ReactNode;
}) {
  const [state, formAction] = useActionState(unsubscribeAction, idleFormState);
  const [againState, againAction] = useActionState(resubscribeAction, idleFormState);
  if (againState.status === "success")
    return <FormAlert state={againState} labels={{}} fieldId={fieldId} successTitle="Subscribed again" />;
  const unsubscribed = state.status === "success" || found?.unsubscribedAt;
  if (unsubscribed)
    return (
      <>
        {state.status === "success" ? (
          <FormAlert state={state} labels={{}} fieldId={fieldId} successTitle="Unsubscribed" />
        ) : found?.unsubscribedAt ? (
          <p>
            {address(found.email)} unsubscribed from the block notifications of {found.accountName} on{" "}
            {formatUtcDate(new Date(found.unsubscribedAt))}. We send it nothing more, and the account&apos;s owner
            cannot add it again.
          </p>
        ) : null}
        <form action={againAction} className="space-y-3" aria-label="Subscribe again">
          <input type="hidden" name="token" value={token} />
          <FormAlert
            state={againState}
            labels={{}}
            fieldId={fieldId}
            successTitle="Subscribed again"
            errorTitle="Not subscribed"
          />
          <p className="text-sm text-muted">
            Changed your mind? Subscribing again restores the notifications this address had. Only this link can do it.
          </p>
          <SubmitButton variant="secondary" pendingLabel="Subscribing…">
            Subscribe again
          </SubmitButton>
        </form>
      </>
    );
  const alert = (
    <FormAlert state={state} labels={{}} fieldId={fieldId} successTitle="Unsubscribed" errorTitle="Not unsubscribed" />
  );
  if (!found) return state.status === "error" ? alert : unusable;
  return (
    <>
      <p>
        Stop mailing {address(found.email)} about the blocks of {found.accountName}?
      </p>
      <form action={formAction} className="space-y-3" aria-label="Unsubscribe">
        <input type="hidden" name="token" value={token} />
        {alert}
        <SubmitButton pendingLabel="Unsubscribing…">Unsubscribe</SubmitButton>
      </form>
    </>
  );
}
