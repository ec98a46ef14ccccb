import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Decision templates for the demo, so the decision form's "Start from a template" can be seen on
 * the demo review request (spam, under review): one text per decision open on it. Written with
 * the demo reports, once: a template an admin changes or deletes stays so.
 */
export const DEMO_TEMPLATES = [
  {
    title: "Spam: content cleaned up, lift",
    decision: "approve",
    reason: "SPAM",
    body: "Thank you for the details. The changes you describe remove what our spam filters matched, so we have lifted the block and mail from this address is accepted again. If messages like the blocked ones are sent again, the block comes back at a higher level.",
  },
  {
    title: "Spam: still matching the rules, keep",
    decision: "deny",
    reason: "SPAM",
    body: "Thank you for writing. Messages sent since your request still match the spam rules shown in the evidence on this page, so the block stays for now. Change the content first (the links and the hidden text the rules name), then ask for another review.",
  },
  {
    title: "Ask how the recipients signed up",
    decision: "ask",
    reason: null,
    body: "Before we decide: where did the recipients of this mail come from, and how did they agree to receive it (a sign-up form, a purchase, a confirmed opt-in)? A link to the sign-up page, or a copy of the confirmation mail, helps.",
  },
] as const satisfies readonly Omit<Prisma.DecisionTemplateCreateManyInput, "id" | "createdAt" | "updatedAt">[];

/** Adds the demo templates; one whose title (any case) an admin already uses is left out. */
export async function seedDemoTemplates(tx: Prisma.TransactionClient, now: Date): Promise<void> {
  await tx.decisionTemplate.createMany({
    data: DEMO_TEMPLATES.map((template) => ({ ...template, createdAt: now, updatedAt: now })),
    skipDuplicates: true,
  });
}
