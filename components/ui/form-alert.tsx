"use client";

import { useEffect, useRef } from "react";
import { Alert } from "@/components/ui/alert";
import type { FormState } from "@/lib/forms/form-state";

/** Field name → the label shown beside it, for the error summary's links. */
export type FieldLabels = Record<string, string>;

interface FormAlertProps {
  state: FormState;
  /** Field name → label, in form order, for the list of fields to fix. */
  labels: FieldLabels;
  /** Field name → element id, so the list can link to each field. */
  fieldId: (name: string) => string;
  successTitle: string;
  /** The title of a refusal that names no field ("Not signed in"); "Not sent" unless given. */
  errorTitle?: string;
  /** The box's id: a form posted without JavaScript comes back at it (a fragment); it takes the focus. */
  id?: string;
}

/**
 * The form's answer, above its fields: what went wrong with links to each field to fix,
 * or the confirmation. With JavaScript it takes the focus when it appears, so keyboard
 * and screen-reader users land on it.
 */
export function FormAlert({ state, labels, fieldId, successTitle, errorTitle = "Not sent", id }: FormAlertProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.status !== "idle") box.current?.focus();
  }, [state]);
  if (state.status === "idle") return null;
  // In the order of the form, not of the validation.
  const problems = Object.keys(labels).filter(
    (name) => state.fieldErrors?.[name as keyof typeof state.fieldErrors]?.length,
  );
  return (
    <div ref={box} id={id} tabIndex={-1} className="scroll-mt-4 outline-none">
      {state.status === "success" ? (
        <Alert tone="success" title={successTitle} live>
          <p className="[overflow-wrap:anywhere]">{state.message}</p>
        </Alert>
      ) : (
        <Alert tone="danger" title={problems.length ? "Please check your answers" : errorTitle} live>
          <p>{state.message}</p>
          {problems.length ? (
            <ul className="mt-1 list-disc pl-5">
              {problems.map((name) => (
                <li key={name}>
                  <a className="underline underline-offset-2" href={`#${fieldId(name)}`}>
                    {labels[name]}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </Alert>
      )}
    </div>
  );
}
