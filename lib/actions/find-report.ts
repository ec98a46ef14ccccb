"use server";

import { redirect } from "next/navigation";
import { BounceTooLargeError, findReportLinks, type ReportLink } from "@/lib/bounce";
import type { FormState } from "@/lib/forms/form-state";
import { reportPath } from "@/lib/reports/report-request";
import { formText } from "./form-result";

export interface FindReportState extends FormState<{ bounce: string }> {
  /** When the text holds several report links: each of them, for the reader to choose. */
  links?: ReportLink[];
  problem?: "empty" | "too_large" | "no_link";
}

const NOTHING_FOUND =
  "We found no report link in this text. Paste the whole bounce message, including the lines that start with “550” or “See:”, or just the link that starts with https:// and contains “id=” and “auth=”.";

/*
 * "Find your report": parses what was pasted and sends the reader to the report. Anyone
 * may call it; it reads nothing from the database and writes nothing. The pasted text is
 * never logged and never put in a URL: it is echoed back only in this POST's response,
 * so a failed attempt keeps what was pasted.
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
  if (only && links.length === 1) redirect(reportPath(only.id, only.auth));
  if (links.length === 0) return { status: "error", problem: "no_link", message: NOTHING_FOUND, values: { bounce } };
  return {
    status: "success",
    message: `This text contains ${links.length} report links. Choose the one you want to open.`,
    links,
    values: { bounce },
  };
}
