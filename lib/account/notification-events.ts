import { z } from "zod";

/** What an owner can be told about, and the block events behind each. */
export const NOTIFICATION_EVENTS = {
  created: { label: "A block is created", eventTypes: ["CREATED"] },
  escalated: { label: "A block is escalated", eventTypes: ["ESCALATED"] },
  decided: { label: "A review request is decided", eventTypes: ["APPEAL_DECIDED"] },
  ended: { label: "A block is lifted or expires", eventTypes: ["LIFTED", "EXPIRED"] },
} as const;

export type NotificationEvent = keyof typeof NOTIFICATION_EVENTS;
export const NOTIFICATION_EVENT_KEYS = Object.keys(NOTIFICATION_EVENTS) as NotificationEvent[];

export const recipientFormSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Enter the address to notify.")
    .max(320, "This is longer than any email address.")
    .pipe(z.email("Enter a whole email address, like ops@example.net.")),
  // A form sends each ticked box once; a hand-made post may repeat one: each event is kept once.
  events: z
    .array(z.enum(NOTIFICATION_EVENT_KEYS as [NotificationEvent, ...NotificationEvent[]]))
    .min(1, "Choose at least one event.")
    .max(100, "Choose from the events listed.")
    .transform((events) => [...new Set(events)]),
});

/** Said for a confirmation link that is unknown, used or expired: the same words whichever it is. */
export const LINK_UNUSABLE_CONFIRMATION =
  "This confirmation link does not work: it was already used, has expired, or the address was removed from the list. If you want these notifications, ask the account's owner to send the confirmation again.";
