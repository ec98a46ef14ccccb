"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { BounceTooLargeError, findReportLinks, type ReportLink } from "@/lib/bounce";
import type { FormState } from "@/lib/forms/form-state";
import { LINK_MISSES_LIMITED } from "@/lib/data/appeals/sender-link";
import { formatWait } from "@/lib/evidence/format";
import { checkReportLink, recordReportLinkMiss } from "@/lib/reports/data/report-link-access";
import { clientAddress, reportPath } from "@/lib/reports/report-request";
import { formText } from "./form-result";

export interface FindReportState extends FormState<{ bounce: string }> {
  /** When the text holds several report links: each of them, for the reader to choose. */
  links?: ReportLink[];
  problem?: "empty" | "too_large" | "no_link" | "not_found" | "limited";
}

const NOTHING_FOUND =
  "We found no report link in this text. Paste the whole bounce message, including the lines that start with “550” or “See:”, or just the link that starts with https:// and contains “id=” and “auth=”.";

const NOT_FOUND =
  "Check that the whole link was pasted: after “auth=” come 43 letters, digits, “-” or “_”. Or paste the whole bounce message.";

/*
 * "Find your report": parses what was pasted and sends the reader to the report. Anyone
 * may call it. A single link is looked up first (checkReportLink): one that matches no
 * report is answered here, with what was pasted kept, and counts against the caller in the
 * report page's miss limit, as opening it would. (Redirected, it would be opened by Next
 * itself, from the server's own address, on the caller's behalf.) The pasted text is never
 * logged and never put in a URL: it is echoed back only in this POST's response, so a
 * failed attempt keeps what was pasted.
 */
export async function findReportAction(_prev: FindReportState, formData: FormData): Promise<FindReportState> {
  const bounce = formText(formData, "bounce");
  if (bounce.trim() === "") {
    return {
      status: "error",
      problem: "empty",
      fieldErrors: { bounce: ["Paste the bounce message or the report link first."] },
      values: { bounce: "" },
    };
  }
  let links: ReportLink[];
  try {
    links = findReportLinks(bounce);
  } catch (error) {
    // Too large to echo back either: the reader is told what to paste instead.
    if (error instanceof BounceTooLargeError)
      return { status: "error", problem: "too_large", message: error.message, values: { bounce: "" } };
    throw error;
  }
  const [only] = links;
  if (only && links.length === 1) {
    // A replaced link (410) goes on: the report page says what happened to it.
    if ((await checkReportLink({ publicId: only.id, secret: only.auth })) !== "not_found")
      redirect(reportPath(only.id, only.auth));
    const miss = await recordReportLinkMiss(clientAddress(await headers()));
    return miss.limited
      ? {
          status: "error",
          problem: "limited",
          message: `${LINK_MISSES_LIMITED} Please wait ${formatWait(miss.retryAfterSeconds)}, then try again.`,
          values: { bounce },
        }
      : { status: "error", problem: "not_found", message: NOT_FOUND, values: { bounce } };
  }
  if (links.length === 0) return { status: "error", problem: "no_link", message: NOTHING_FOUND, values: { bounce } };
  return {
    status: "success",
    message: `This text contains ${links.length} report links. Choose the one you want to open.`,
    links,
    values: { bounce },
  };
}
