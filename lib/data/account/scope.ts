import "server-only";
import { cache } from "react";
import { isUuid } from "@/lib/data/ids";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export interface OwnerScope {
  ownerId: string;
  accountId: string;
  accountName: string;
}

/** Said for anything outside the owner's account, exactly as for something that does not exist. */
export const NOT_YOURS = "No report with this id belongs to your account.";

/*
 * Every function of the owner portal starts here: the account is read from the database
 * by the signed-in user's id (an OWNER bound to an account), never taken from the request,
 * and every query after it filters by that account. Anyone else gets NOT_FOUND, so another
 * account's reports are indistinguishable from reports that do not exist. Read once per
 * request (React's cache: a page asking for the history, its SMTP users and the account's
 * name reads the owner once); outside a request every call reads again.
 */
export const ownerScope = cache(async function ownerScope(ownerId: string): Promise<OwnerScope> {
  if (!isUuid(ownerId)) throw new AppError("NOT_FOUND", NOT_YOURS);
  const user = await getDb().user.findFirst({
    where: { id: ownerId, role: "OWNER", accountId: { not: null }, disabledAt: null },
    select: { accountId: true, account: { select: { name: true } } },
  });
  if (!user?.accountId || !user.account) throw new AppError("NOT_FOUND", NOT_YOURS);
  return { ownerId, accountId: user.accountId, accountName: user.account.name };
});
