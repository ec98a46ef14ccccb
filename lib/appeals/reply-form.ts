import { z } from "zod";
import { requiredText } from "./form-text";

export const REPLY_MAX = 4000;
export const REPLY_FIELD_NAMES = ["body"];

/** The sender's answer to a reviewer's question ("needs information"). */
export const replyFormSchema = z.object({
  body: requiredText("your answer", 1, REPLY_MAX),
});

export type ReplyInput = z.infer<typeof replyFormSchema>;
