/*
 * Combining CRC-32s (the gzip checksum) without re-reading the data: CRC(A‖B) from CRC(A),
 * CRC(B) and the length of B. A cached page's fixed parts never change, so their CRCs and
 * the operators for their lengths are computed once; per response only the few bytes that
 * do change are checksummed. Reading the whole 100 kB page instead was most of the cost of
 * a gzip response. Same arithmetic as zlib's crc32_combine_gen/crc32_combine_op (1.2.12+):
 * polynomials over GF(2), reflected, modulo the CRC-32 polynomial.
 */

const POLY = 0xedb88320;

/** a·b modulo the CRC-32 polynomial (bit 31 is x^0). */
function multiplyModP(a: number, b: number): number {
  let m = 0x80000000;
  let product = 0;
  for (;;) {
    if ((a & m) !== 0) {
      product ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return product >>> 0;
}

// x^(2^k) modulo P, for k = 0 … 31.
const X2N: number[] = [];
for (let k = 0, p = 0x40000000; k < 32; k += 1) {
  X2N.push(p);
  p = multiplyModP(p, p);
}

/** The operator that shifts a CRC past `length` bytes (crc32_combine_gen). */
export function crc32ShiftOperator(length: number): number {
  let p = 0x80000000; // x^0
  let n = length;
  for (let k = 3; n > 0; n = Math.floor(n / 2), k += 1) {
    if (n % 2 === 1) p = multiplyModP(X2N[k % 32]!, p);
  }
  return p;
}

/** CRC-32 of A‖B from CRC-32(A), CRC-32(B) and the operator for B's length (crc32_combine_op). */
export function combineCrc32(crcA: number, crcB: number, operatorForB: number): number {
  return (multiplyModP(operatorForB, crcA) ^ crcB) >>> 0;
}
