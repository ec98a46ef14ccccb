import { Prisma } from "@/lib/generated/prisma/client";

interface AdapterMeta {
  driverAdapterError?: { cause?: { constraint?: { index?: string; fields?: string[] } } };
}

/*
 * Whether `error` is Postgres' unique violation on the named index. With the pg driver
 * adapter Prisma reports it as P2002 and names the index under
 * `meta.driverAdapterError.cause.constraint.index` (a partial index has no field list).
 * Checked by name so a reference collision (retry) is never confused with "one open
 * appeal" (tell the user).
 */
export function isUniqueViolation(error: unknown, index: string): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return false;
  const named = (error.meta as AdapterMeta | undefined)?.driverAdapterError?.cause?.constraint?.index;
  return named === index;
}
