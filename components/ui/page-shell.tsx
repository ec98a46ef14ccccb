import type { ReactNode } from "react";

interface PageShellProps {
  relayName: string;
  title: string;
  aside?: ReactNode;
  nav?: ReactNode;
  children: ReactNode;
  /**
   * "full": as wide as "wide", and from the `xl` width on up to 96rem, for a page that lays out in two
   * columns there. Only its content widens: the header stays where "wide" puts it, so it does not move
   * between the pages of one area.
   */
  width?: "narrow" | "wide" | "full";
}

const MAX_WIDTH = { narrow: "max-w-3xl", wide: "max-w-6xl", full: "max-w-6xl xl:max-w-[96rem]" } as const;
const HEADER_WIDTH = { ...MAX_WIDTH, full: MAX_WIDTH.wide } as const;

/** The frame every page shares: product header, optional navigation, one main column. */
export function PageShell({ relayName, title, aside, nav, children, width = "narrow" }: PageShellProps) {
  const max = MAX_WIDTH[width];
  const headerMax = HEADER_WIDTH[width];
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:bg-surface focus:p-2">
        Skip to content
      </a>
      <header className="border-b border-line bg-surface">
        <div className={`mx-auto flex ${headerMax} flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-4 py-3`}>
          <p className="text-base font-semibold">
            <span className="text-muted">{relayName}</span> {title}
          </p>
          {aside ? <div className="text-sm text-muted">{aside}</div> : null}
        </div>
        {nav ? <nav className={`mx-auto ${headerMax} px-4 pb-2 text-sm`}>{nav}</nav> : null}
      </header>
      <main id="main" className={`mx-auto ${max} space-y-6 px-4 py-6`}>
        {children}
      </main>
    </>
  );
}
