import type { ReactNode } from "react";

// Inside a word with an "@" in it: after each "@", and before a dot between two letters or
// digits ("northwind|.example"). Not inside a defanged "[.]" or at a word's end: those break nowhere.
const BREAK_POINT = /(?<=@)(?=\S)|(?<=[\p{L}\p{N}])(?=\.[\p{L}\p{N}])/u;

/**
 * Text with break opportunities (`<wbr>`) in its email addresses, after "@" and before
 * dots, so a long address wraps at a natural point on a narrow screen
 * ("crm@ / northwind / .example") instead of mid-word. The text itself is unchanged: only
 * React text and `<wbr>` elements, never markup from the string, so it is safe for hostile
 * text already made displayable (defanged, invisible characters as markers). Keep
 * `overflow-wrap: anywhere` on the container as the last resort for a part still too long.
 *
 * Linear in the text's length, whatever it holds: the text is cut at whitespace (one pass)
 * and only words with an "@" are looked into. (A pattern for "a word with an @" tried from
 * every position of a long run without one, which a sender can write: 4,000 zero-width
 * spaces, 32,000 characters once marked, took 2 s of the server's one thread.)
 */
export function breakAddresses(text: string): ReactNode[] {
  if (!text.includes("@")) return [text];
  const nodes: ReactNode[] = [];
  let plain = "";
  text.split(/(\s+)/).forEach((word, i) => {
    if (i % 2 === 1 || !word.includes("@")) {
      plain += word;
      return;
    }
    word.split(BREAK_POINT).forEach((part, j) => {
      if (j > 0) {
        nodes.push(plain);
        plain = "";
        nodes.push(<wbr key={`${i}-${j}`} />);
      }
      plain += part;
    });
  });
  if (plain) nodes.push(plain);
  return nodes.filter((node) => node !== "");
}

/** `breakAddresses` as an element: for headings and lines that name an address. */
export function AddressText({ text }: { text: string }) {
  return <>{breakAddresses(text)}</>;
}
