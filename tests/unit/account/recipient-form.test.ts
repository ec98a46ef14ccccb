import { describe, expect, it } from "vitest";
import { recipientFormSchema } from "@/lib/account/notification-events";

describe("the notification address form", () => {
  it("keeps each event once, however often a post repeats it", () => {
    const parsed = recipientFormSchema.parse({
      email: "ops@example.net",
      events: ["created", "created", "ended", "created", "ended"],
    });
    expect(parsed.events).toEqual(["created", "ended"]);
  });

  it("refuses a post with far more events than the form lists, and one with none", () => {
    const many = recipientFormSchema.safeParse({ email: "ops@example.net", events: Array(20_000).fill("created") });
    expect(many.success).toBe(false);
    expect(many.error?.issues[0]?.message).toBe("Choose from the events listed.");
    const none = recipientFormSchema.safeParse({ email: "ops@example.net", events: [] });
    expect(none.error?.issues[0]?.message).toBe("Choose at least one event.");
  });
});
