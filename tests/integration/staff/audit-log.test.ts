import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  auditEntryBatches,
  claimItem,
  decideAppeal,
  getSenderHistory,
  listAuditEntries,
  recordSignIn,
} from "@/lib/data/staff";
import { signIn } from "@/lib/auth/sign-in";
import { parseAuditParams } from "@/lib/staff/audit-filters";
import { blockWithOpenAppeal, createUser } from "./staff-support";

let staff: { id: string; name: string; email: string };
let admin: { id: string; name: string; email: string };
beforeAll(async () => {
  [staff, admin] = await Promise.all([createUser("STAFF"), createUser("ADMIN")]);
});

const filters = (params: Record<string, string>) => parseAuditParams(params).filters;

describe("the staff audit log", () => {
  it("is for admins only", async () => {
    await expect(listAuditEntries({ staffId: staff.id, filters: filters({}) })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(auditEntryBatches({ staffId: staff.id, filters: filters({}) }).next()).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(listAuditEntries({ staffId: "nope", filters: filters({}) })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("shows sign-ins, failed sign-ins, claims and decisions: who, what, on what, when, why", async () => {
    const typed = `Nobody-${randomBytes(3).toString("hex")}@Example.net`;
    await recordSignIn({
      email: typed,
      client: "203.0.113.9",
      outcome: { ok: false, reason: "wrong email or password" },
    });
    await recordSignIn({ email: staff.email, client: "203.0.113.10", outcome: { ok: true, userId: staff.id } });
    const { reference, block } = await blockWithOpenAppeal();
    await claimItem({ staffId: staff.id, reference, client: "203.0.113.10" });
    await decideAppeal({
      staffId: staff.id,
      reference,
      fields: { decision: "deny", text: "Complaint rate still too high; try again next week." },
    });

    const failed = await listAuditEntries({ staffId: admin.id, filters: filters({ actor: typed.toLowerCase() }) });
    expect(failed.entries).toEqual([
      expect.objectContaining({
        action: "SIGN_IN_FAILED",
        actorEmail: typed,
        actorId: null,
        reason: "wrong email or password",
        client: "203.0.113.9",
      }),
    ]);

    const mine = await listAuditEntries({ staffId: admin.id, filters: filters({ actor: staff.email }) });
    expect(mine.entries.map((e) => [e.action, e.target, e.detail])).toEqual([
      ["APPEAL_DECIDED", reference, "DENIED"],
      ["CLAIM", reference, null],
      ["SIGN_IN", null, null],
    ]);
    expect(mine.entries[0]).toMatchObject({
      actorName: staff.name,
      publicId: block.publicId,
      reason: "Complaint rate still too high; try again next week.",
    });
    expect(mine.entries[1]).toMatchObject({ publicId: block.publicId, client: "203.0.113.10" });

    const onTarget = await listAuditEntries({
      staffId: admin.id,
      filters: filters({ target: reference.toLowerCase(), action: "CLAIM" }),
    });
    expect(onTarget.entries.map((e) => e.action)).toEqual(["CLAIM"]);
    const today = new Date().toISOString().slice(0, 10);
    expect(
      (await listAuditEntries({ staffId: admin.id, filters: filters({ actor: staff.email, from: today, to: today }) }))
        .entries,
    ).toHaveLength(3);
    expect(
      (await listAuditEntries({ staffId: admin.id, filters: filters({ actor: staff.email, to: "2000-01-01" }) }))
        .entries,
    ).toHaveLength(0);

    // Opening a report is logged with the report id as its target, and links to it like the rest.
    await getSenderHistory({ staffId: staff.id, publicId: block.publicId });
    const viewed = await listAuditEntries({
      staffId: admin.id,
      filters: filters({ actor: staff.email, action: "VIEW" }),
    });
    expect(viewed.entries.map((e) => [e.target, e.publicId])).toEqual([[block.publicId, block.publicId]]);
  });

  it("receives every attempt of the one sign-in function: wrong password, success, and the limit", async () => {
    const user = await createUser("STAFF", "right password here");
    const client = `198.51.100.${randomBytes(1)[0]}`;
    expect(await signIn({ email: user.email, password: "wrong", client, next: null })).toMatchObject({
      ok: false,
      reason: "wrong",
    });
    expect(await signIn({ email: user.email, password: "right password here", client, next: null })).toMatchObject({
      ok: true,
      landing: "/staff",
    });
    // Ten attempts per address in the window: this makes ten.
    for (let i = 0; i < 8; i += 1) await signIn({ email: user.email, password: "wrong", client, next: null });
    expect(await signIn({ email: user.email, password: "right password here", client, next: null })).toMatchObject({
      ok: false,
      reason: "rate-limited",
    });
    const { entries } = await listAuditEntries({ staffId: admin.id, filters: filters({ actor: user.email }) });
    expect(entries.map((entry) => [entry.action, entry.reason])).toEqual([
      ["SIGN_IN_FAILED", "rate limited"],
      ...Array(8).fill(["SIGN_IN_FAILED", "wrong email or password"]),
      ["SIGN_IN", null],
      ["SIGN_IN_FAILED", "wrong email or password"],
    ]);
  });

  it("pages newest first with an exact cursor, and the export reads every matching entry in batches", async () => {
    const email = `pager-${randomBytes(3).toString("hex")}@example.net`;
    const at = new Date("2026-01-02T03:04:05.678Z");
    for (let i = 0; i < 130; i += 1)
      await recordSignIn({
        email,
        client: `c${i}`,
        outcome: { ok: false, reason: "rate limited" },
        now: i < 40 ? at : new Date(at.getTime() + i),
      });
    const first = await listAuditEntries({ staffId: admin.id, filters: filters({ actor: email }) });
    expect(first.entries).toHaveLength(100);
    const second = await listAuditEntries({
      staffId: admin.id,
      filters: filters({ actor: email }),
      before: first.next!,
    });
    expect(second.next).toBeNull();
    const clients = [...first.entries, ...second.entries].map((e) => e.client);
    expect(new Set(clients).size).toBe(130);
    expect(clients[0]).toBe("c129");

    // An edited cursor (impossible day, id past bigint) reads as the first page, not a database error.
    for (const text of ["2026-02-31T01:02:03.456789~staff~1", "2026-02-01T01:02:03.456789~staff~9999999999999999999"]) {
      const edited = await listAuditEntries({
        staffId: admin.id,
        filters: filters({ actor: email }),
        before: Buffer.from(text).toString("base64url"),
      });
      expect(edited.entries.map((e) => e.client)).toEqual(first.entries.map((e) => e.client));
    }

    const batches: number[] = [];
    for await (const batch of auditEntryBatches({
      staffId: admin.id,
      filters: filters({ actor: email }),
      batchSize: 45,
    }))
      batches.push(batch.length);
    expect(batches).toEqual([45, 45, 40]);
  });
});
