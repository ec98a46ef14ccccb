"use client";

import { useEffect, useRef, type FormEvent } from "react";

/**
 * Lets a form start one submission at a time. The submit button is disabled while the
 * action runs, but a fast double click can land before that render; cancelling the
 * second submit event keeps React from queuing the action twice.
 */
export function useSingleSubmit(pending: boolean) {
  const inFlight = useRef(false);
  useEffect(() => {
    if (!pending) inFlight.current = false;
  }, [pending]);
  return (event: FormEvent<HTMLFormElement>) => {
    if (inFlight.current) {
      event.preventDefault();
      return;
    }
    inFlight.current = true;
  };
}
