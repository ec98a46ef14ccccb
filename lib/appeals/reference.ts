import { randomInt } from "node:crypto";

// Quoted over the phone and typed from emails: no 0/O, 1/I/L or U, all upper case.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
const LENGTH = 6;

export type ReferenceKind = "A" | "C";

/** Appeal (`A-7K3F9Q`) and case (`C-5T2W8R`) references: 30^6 ≈ 7×10^8 values. */
export function generateReference(kind: ReferenceKind): string {
  let code = "";
  for (let i = 0; i < LENGTH; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${kind}-${code}`;
}

export const REFERENCE_PATTERN = /^[AC]-[2-9A-HJKMNP-TV-Z]{6}$/;
