import type { ReactNode } from "react";
import { buttonClasses } from "@/components/ui/button";

interface DisclosureProps {
  id: string;
  summary: string;
  /** Opened when the form has something to say (an error, a success). */
  open: boolean;
  children: ReactNode;
}

/**
 * A button-like summary that opens its form in place. `<details>` needs no JavaScript, so
 * the forms stay one click away with scripts off; after a post without JavaScript the
 * page re-renders with the form open when it has an error or a result to show.
 */
export function Disclosure({ id, summary, open, children }: DisclosureProps) {
  return (
    <details id={id} open={open || undefined} className="group rounded-md border border-line">
      <summary className={`${buttonClasses("secondary")} w-full cursor-pointer list-none justify-between rounded-md border-0 [&::-webkit-details-marker]:hidden`}>
        <span>{summary}</span>
        <span aria-hidden="true" className="transition-transform group-open:rotate-180">▾</span>
      </summary>
      <div className="border-t border-line p-4">{children}</div>
    </details>
  );
}
