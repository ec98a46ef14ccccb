import { describe, expect, it } from "vitest";
import { submitAppeal } from "@/lib/data/appeals";
import { getDb } from "@/lib/db/client";
import { blockWithLink, freshClient, validAppealFields } from "./support";

describe("a review request tells the relay", () => {
  it("queues an appeal.submitted webhook for the account's endpoints, in the appeal's transaction", async () => {
    const { block, link } = await blockWithLink({ reason: "ABUSE" });
    const db = getDb();
    const subscribed = await db.webhookEndpoint.create({
      data: {
        accountId: block.accountId,
        url: "http://127.0.0.1:9/hook",
        secret: "s3cret",
        events: ["appeal.submitted"],
      },
    });
    await db.webhookEndpoint.create({
      data: { accountId: block.accountId, url: "http://127.0.0.1:9/other", secret: "s3cret", events: ["block.lifted"] },
    });
    const { reference } = await submitAppeal({ link, fields: validAppealFields("ABUSE"), client: freshClient() });

    const rows = await db.outboxMessage.findMany({
      where: { topic: "webhook.deliver", payload: { path: ["endpointId"], equals: subscribed.id } },
    });
    expect(rows).toHaveLength(1);
    const payload = rows[0]!.payload as { eventType: string; body: string };
    expect(payload.eventType).toBe("appeal.submitted");
    const body = JSON.parse(payload.body) as {
      type: string;
      data: { appeal: { reference: string }; block: { id: string } };
    };
    expect(body).toMatchObject({
      type: "appeal.submitted",
      data: { appeal: { reference }, block: { id: block.publicId } },
    });
    expect(payload.body).not.toContain("deleted the list");
  });
});
