import type { ReactNode } from "react";
import { buttonClasses } from "@/components/ui/button";

interface DisclosureProps {
  id: string;
  summary: string;
  /** Opened when the form has something to say (an error, a success). */
  open: boolean;
  /** The sender's main next step is styled as the primary button, everything else as secondary. */
  variant?: "primary" | "secondary";
  children: ReactNode;
}

/**
 * A button-like summary that opens its form in place. `<details>` needs no JavaScript, so
 * the forms stay one click away with scripts off; after a post without JavaScript the
 * page re-renders with the form open when it has an error or a result to show. A link to
 * a field inside (components/sender-actions/anchors.ts) opens it too. Closed, it is as wide
 * as its label from the small breakpoint up, like every other button; on a phone, and once
 * open (its form needs the room), it takes the whole width.
 */
export function Disclosure({ id, summary, open, variant = "secondary", children }: DisclosureProps) {
  return (
    // The details' border is the button's edge while it is closed: a control's, not a card's.
    <details
      id={id}
      open={open || undefined}
      className="group rounded-md border border-control-line sm:w-fit sm:open:w-full"
    >
      <summary
        className={`${buttonClasses(variant)} w-full cursor-pointer list-none justify-between rounded-md border-0 [&::-webkit-details-marker]:hidden`}
      >
        <span>{summary}</span>
        <span aria-hidden="true" className="transition-transform group-open:rotate-180">
          ▾
        </span>
      </summary>
      <div className="border-t border-line p-4">{children}</div>
    </details>
  );
}
