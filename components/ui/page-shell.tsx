import type { ReactNode } from "react";

interface PageShellProps {
  relayName: string;
  title: string;
  aside?: ReactNode;
  nav?: ReactNode;
  children: ReactNode;
  /**
   * The header, the navigation and the content share one width, so they line up on a page and
   * stay in place between the pages of one area (a console report's two columns fit in "wide").
   */
  width?: "narrow" | "wide";
}

const MAX_WIDTH = { narrow: "max-w-3xl", wide: "max-w-6xl" } as const;

/** The frame every page shares: product header, optional navigation, one main column. */
export function PageShell({ relayName, title, aside, nav, children, width = "narrow" }: PageShellProps) {
  const max = MAX_WIDTH[width];
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:bg-surface focus:p-2">
        Skip to content
      </a>
      <header className="border-b border-line bg-surface">
        <div className={`mx-auto flex ${max} flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-4 py-3`}>
          <p className="text-base font-semibold">
            <span className="text-muted">{relayName}</span> {title}
          </p>
          {aside ? <div className="text-sm text-muted">{aside}</div> : null}
        </div>
        {nav ? <nav className={`mx-auto ${max} px-4 pb-2 text-sm`}>{nav}</nav> : null}
      </header>
      <main id="main" className={`mx-auto ${max} space-y-6 px-4 py-6`}>
        {children}
      </main>
    </>
  );
}
