import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { submitAppeal } from "@/lib/data/appeals";
import { getDb } from "@/lib/db/client";
import type { BlockReason, UserRole } from "@/lib/generated/prisma/enums";
import { blockWithLink, freshClient, validAppealFields } from "../sender-actions/support";

/** A user with a known password; OWNER users get an account of their own. */
export async function createUser(role: UserRole, password = "correct horse battery") {
  const account =
    role === "OWNER"
      ? await getDb().account.create({ data: { name: "Owner's account", planName: "Starter", limitPerMinute: 100 } })
      : null;
  return getDb().user.create({
    data: {
      email: `${role.toLowerCase()}-${randomBytes(4).toString("hex")}@example.net`,
      name: `Test ${role}`,
      role,
      accountId: account?.id ?? null,
      passwordHash: await bcrypt.hash(password, 4),
    },
  });
}

/** A block with a review request submitted through the sender's own path. */
export async function blockWithOpenAppeal(reason: BlockReason = "ABUSE") {
  const { block, link } = await blockWithLink({ reason });
  const { reference } = await submitAppeal({ link, fields: validAppealFields(reason), client: freshClient() });
  return { block, link, reference };
}
