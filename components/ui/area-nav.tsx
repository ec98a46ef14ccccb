import { signOutAction } from "@/lib/actions/auth";

/** The pages of a signed-in area (the console, the owner portal), the current one marked for every reader. */
export function AreaNav({
  links,
  current,
}: {
  links: readonly { href: string; label: string }[];
  current?: string | null;
}) {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1">
      {links.map((link) => (
        <li key={link.href}>
          <a
            href={link.href}
            aria-current={link.href === current ? "page" : undefined}
            className="text-muted underline underline-offset-2 aria-[current=page]:font-semibold aria-[current=page]:text-ink"
          >
            {link.label}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** Who is signed in, and sign-out: a plain form, so it works without JavaScript. */
export function SignedInAs({ name }: { name: string }) {
  return (
    <form action={signOutAction} aria-label="Sign out" className="flex flex-wrap items-baseline gap-2">
      <span>Signed in as {name}</span>
      <button type="submit" className="font-semibold text-ink underline underline-offset-2">
        Sign out
      </button>
    </form>
  );
}
