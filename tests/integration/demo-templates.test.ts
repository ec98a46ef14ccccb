import { describe, expect, it } from "vitest";
import { listDecisionTemplates } from "@/lib/data/staff";
import { getDb } from "@/lib/db/client";
import { DEMO_BLOCKS, DEMO_LOGINS } from "@/prisma/seed/demo-content";
import { DEMO_TEMPLATES } from "@/prisma/seed/demo-templates";
import { seedDemoData } from "@/prisma/seed/seed-demo";

// The README's decision-template chooser has to be visible in the demo: the seed writes a few
// templates with the demo reports, once, and leaves an admin's changes to them alone.

const titles = DEMO_TEMPLATES.map((template) => template.title);
const demoTemplates = () => getDb().decisionTemplate.findMany({ where: { title: { in: titles } } });

describe("the demo's decision templates", () => {
  it("offer the demo review request a text for each decision open on it, and a second seeding adds none", async () => {
    await seedDemoData();
    const staff = await getDb().user.findFirstOrThrow({ where: { email: DEMO_LOGINS[0].email } });
    const review = DEMO_BLOCKS.find((block) => block.key === "spam-review")!;
    const offered = await listDecisionTemplates({ staffId: staff.id, reason: review.reason });
    const demo = offered.filter((template) => (titles as readonly string[]).includes(template.title));
    expect(demo.map((template) => template.decision).sort()).toEqual(["approve", "ask", "deny"]);
    for (const template of demo) expect(template.body.length).toBeGreaterThanOrEqual(10);

    const before = await demoTemplates();
    expect(before).toHaveLength(DEMO_TEMPLATES.length);
    expect(await seedDemoData()).toBe(0);
    expect(await demoTemplates()).toEqual(before);
  });

  it("stay deleted once an admin deletes one (the seed only adds missing reports)", async () => {
    await seedDemoData();
    const [first] = await demoTemplates();
    await getDb().decisionTemplate.delete({ where: { id: first!.id } });
    await seedDemoData();
    expect((await demoTemplates()).map((template) => template.title)).not.toContain(first!.title);
    // Put back for whatever runs next against this database.
    await getDb().decisionTemplate.create({ data: { ...first!, id: undefined } });
  });
});
