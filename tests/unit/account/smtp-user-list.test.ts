import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SmtpUserList } from "@/components/account/smtp-user-list";
import type { SmtpUserSummary } from "@/lib/data/account";

const now = new Date("2026-12-07T12:00:00Z");
const user = (lastBlockAt: string | null): SmtpUserSummary => ({
  id: "3f1c2a8e-0000-4000-8000-000000000001",
  username: "newsletter",
  senderAddresses: [],
  moreAddresses: false,
  blockedNow: null,
  openBlocks: 0,
  blocksLast30Days: lastBlockAt ? 1 : 0,
  lastBlockAt,
});
const text = (u: SmtpUserSummary) =>
  renderToStaticMarkup(createElement(SmtpUserList, { users: [u], now })).replace(/<[^>]+>/g, "");

describe("the overview's SMTP user cards", () => {
  it("say when the last block was, as words that read on their own", () => {
    expect(text(user(now.toISOString()))).toContain("1 block in the last 30 days · last block just now");
    expect(text(user("2026-12-07T09:00:00Z"))).toContain(" · last block 3\u00a0h ago");
    expect(text(user(null))).toContain("0 blocks in the last 30 days · never blocked");
  });
});
