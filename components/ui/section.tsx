import type { ReactNode } from "react";

interface SectionProps {
  id?: string;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  className?: string;
}

/** A titled card. Headings are h2; sections inside sections use SubSection (h3). */
export function Section({ id, title, description, children, className = "" }: SectionProps) {
  const headingId = id ? `${id}-heading` : undefined;
  return (
    <section id={id} aria-labelledby={headingId} className={className ? `card ${className}` : "card"}>
      <h2 id={headingId} className="card-title">
        {title}
      </h2>
      {description ? <div className="mt-1 text-sm text-muted">{description}</div> : null}
      <div className="mt-4 space-y-4">{children}</div>
    </section>
  );
}

export function SubSection({
  id,
  title,
  meta,
  children,
}: {
  id?: string;
  title: string;
  meta?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div id={id} className="subsection">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3">
        <h3 className="text-base font-semibold">{title}</h3>
        {meta ? <p className="text-xs text-muted">{meta}</p> : null}
      </div>
      {children}
    </div>
  );
}
