"use client";

import { useActionState } from "react";
import { removeRecipientAction, saveRecipientAction, unsubscribeAction } from "@/lib/actions/notifications";
import { CheckboxField, Field, TextInput } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { SubmitButton } from "@/components/ui/submit-button";
import {
  NOTIFICATION_EVENT_KEYS,
  NOTIFICATION_EVENTS,
  type NotificationEvent,
} from "@/lib/account/notification-events";
import { idleFormState } from "@/lib/forms/form-state";

const fieldId = (name: string) => `notify-${name}`;
const labels = { email: "Address to notify", events: "Events" };

/** Adds an address, or changes the events of one on the list (the same address again). */
export function RecipientForm() {
  const [state, formAction] = useActionState(saveRecipientAction, idleFormState);
  const chosen = state.values?.events?.split(",") ?? NOTIFICATION_EVENT_KEYS;
  return (
    <form action={formAction} noValidate className="space-y-4" aria-label="Add an address to notify">
      <FormAlert state={state} labels={labels} fieldId={fieldId} successTitle="Saved" errorTitle="Not saved" />
      <Field
        id={fieldId("email")}
        name="email"
        label={labels.email}
        hint="Enter an address already on the list to change its events."
        errors={state.fieldErrors?.email}
      >
        {({ id, describedBy, invalid }) => (
          <TextInput
            id={id}
            name="email"
            type="email"
            maxLength={320}
            defaultValue={state.values?.email ?? ""}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </Field>
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
      <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
    </form>
  );
}

/** One address on the list, with its events and a remove button. */
export function RecipientRow({ id, email, events }: { id: string; email: string; events: NotificationEvent[] }) {
  const [state, formAction] = useActionState(removeRecipientAction, idleFormState);
  return (
    <li className="space-y-2 border-b border-line pb-3 last:border-b-0">
      <FormAlert state={state} labels={{}} fieldId={fieldId} successTitle="Removed" />
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="font-mono text-sm [overflow-wrap:anywhere]">{email}</p>
        <form action={formAction} aria-label={`Remove ${email}`}>
          <input type="hidden" name="recipientId" value={id} />
          <button type="submit" className="text-sm font-semibold underline underline-offset-2">
            Remove
          </button>
        </form>
      </div>
      <p className="text-sm text-muted">{events.map((e) => NOTIFICATION_EVENTS[e].label).join(" · ")}</p>
    </li>
  );
}

/** The unsubscribe page's one button (a GET of the page changes nothing). */
export function UnsubscribeForm({ token }: { token: string }) {
  const [state, formAction] = useActionState(unsubscribeAction, idleFormState);
  if (state.status === "success")
    return <FormAlert state={state} labels={{}} fieldId={fieldId} successTitle="Unsubscribed" />;
  return (
    <form action={formAction} className="space-y-3" aria-label="Unsubscribe">
      <input type="hidden" name="token" value={token} />
      <FormAlert state={state} labels={{}} fieldId={fieldId} successTitle="Unsubscribed" />
      <SubmitButton pendingLabel="Unsubscribing…">Unsubscribe</SubmitButton>
    </form>
  );
}
