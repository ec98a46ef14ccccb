import type { ReactNode } from "react";

// A word with an "@" in it: an address, in a headline or inside sender-written text.
const ADDRESS_WORD = /(\S*@\S*)/;
// Inside such a word: after each "@", and before a dot between two letters or digits ("northwind|.example").
// Not inside a defanged "[.]" or at a word's end: those break nowhere.
const BREAK_POINT = /(?<=@)(?=\S)|(?<=[\p{L}\p{N}])(?=\.[\p{L}\p{N}])/u;

/**
 * Text with break opportunities (`<wbr>`) in its email addresses, after "@" and before
 * dots, so a long address wraps at a natural point on a narrow screen
 * ("crm@ / northwind / .example") instead of mid-word. The text itself is unchanged: only
 * React text and `<wbr>` elements, never markup from the string, so it is safe for hostile
 * text already made displayable (defanged, invisible characters as markers). Keep
 * `overflow-wrap: anywhere` on the container as the last resort for a part still too long.
 */
export function breakAddresses(text: string): ReactNode[] {
  const nodes: ReactNode[] = [];
  text.split(ADDRESS_WORD).forEach((chunk, i) => {
    if (i % 2 === 0) {
      if (chunk) nodes.push(chunk);
      return;
    }
    chunk.split(BREAK_POINT).forEach((part, j) => {
      if (j > 0) nodes.push(<wbr key={`${i}-${j}`} />);
      nodes.push(part);
    });
  });
  return nodes;
}

/** `breakAddresses` as an element: for headings and lines that name an address. */
export function AddressText({ text }: { text: string }) {
  return <>{breakAddresses(text)}</>;
}
