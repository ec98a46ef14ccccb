"use client";

import { useActionState, useState, type FormEvent } from "react";
import { findReportAction, type FindReportState } from "@/lib/actions/find-report";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, TextArea } from "@/components/ui/field";
import { MAX_BOUNCE_BYTES } from "@/lib/bounce/size-limit";
import { reportPath } from "@/lib/reports/report-request";

const initialState: FindReportState = { status: "idle" };

const TOO_LARGE =
  "The pasted text is larger than 1 MB. Paste only the bounce message (without attachments) or just the report link.";

/**
 * The paste box. Works without JavaScript (the server action re-renders the page with
 * its result); with JavaScript, an oversized paste is caught before it is uploaded.
 */
export function FindReportForm() {
  const [state, formAction, pending] = useActionState(findReportAction, initialState);
  const [localError, setLocalError] = useState<string | null>(null);

  function checkSize(event: FormEvent<HTMLFormElement>) {
    const text = new FormData(event.currentTarget).get("bounce");
    const tooLarge = typeof text === "string" && new Blob([text]).size > MAX_BOUNCE_BYTES;
    setLocalError(tooLarge ? TOO_LARGE : null);
    if (tooLarge) event.preventDefault();
  }

  const message = localError ?? (state.status === "error" ? state.message : undefined);
  return (
    <form action={formAction} onSubmit={checkSize} className="space-y-4" noValidate>
      {message ? (
        <Alert
          tone="danger"
          title={
            localError || state.problem === "too_large"
              ? "Too much text"
              : state.problem === "not_found"
                ? "No report matches this link"
                : state.problem === "limited"
                  ? "Too many links that did not match"
                  : "No report link found"
          }
          live
        >
          {message}
        </Alert>
      ) : null}
      <Field
        name="bounce"
        label="Bounce message or report link"
        hint="Paste the whole message that says your mail was not delivered, or only the link from it."
        errors={state.fieldErrors?.bounce}
      >
        {({ id, describedBy, invalid }) => (
          <TextArea
            id={id}
            name="bounce"
            rows={9}
            defaultValue={state.values?.bounce ?? ""}
            aria-describedby={describedBy}
            aria-invalid={invalid || Boolean(message)}
            spellCheck={false}
            autoComplete="off"
            className="font-mono text-sm"
          />
        )}
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Looking for the link…" : "Find my report"}
      </Button>
      {state.links?.length ? (
        <div role="status" className="space-y-2">
          <p className="font-medium">{state.message}</p>
          <ul className="space-y-1">
            {state.links.map((link, index) => (
              <li key={`${link.id}-${link.auth}`}>
                <a
                  className="font-mono text-sm text-accent underline underline-offset-2"
                  href={reportPath(link.id, link.auth)}
                >
                  Report {link.id} <span className="font-sans text-muted">(link {index + 1})</span>
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </form>
  );
}
