"use client";

import { useState, useSyncExternalStore } from "react";
import { buttonClasses } from "./button";

const subscribeToNothing = () => () => {};
// Only a page with JavaScript and the Clipboard API (a secure context) shows the button; without
// them the text beside it stays selectable, which is how it is copied then.
const clipboardAvailable = () => typeof navigator !== "undefined" && navigator.clipboard !== undefined;

/** "Copy" for a value shown beside it (a link, a key); says whether it worked, to screen readers too. */
export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  const available = useSyncExternalStore(subscribeToNothing, clipboardAvailable, () => false);
  const [outcome, setOutcome] = useState<"copied" | "failed" | null>(null);
  if (!available) return null;
  const copy = () => {
    navigator.clipboard.writeText(value).then(
      () => setOutcome("copied"),
      () => setOutcome("failed"),
    );
  };
  return (
    <span className="inline-flex items-center gap-3">
      <button type="button" className={buttonClasses("secondary")} onClick={copy}>
        {label}
      </button>
      <span role="status" className="text-sm text-muted">
        {outcome === "copied" ? "Copied" : outcome === "failed" ? "Could not copy: select the text and copy it" : ""}
      </span>
    </span>
  );
}
