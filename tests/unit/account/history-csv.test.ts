import { describe, expect, it } from "vitest";
import { csvCellsFor, CSV_COLUMNS } from "@/lib/account/history-csv";
import { historyQuery, parseHistoryCursor, parseHistoryFilters } from "@/lib/account/history-filters";
import { csvRecords } from "@/lib/csv/csv-stream";
import type { HistoryRow } from "@/lib/data/account/history";

const row = (overrides: Partial<HistoryRow>): HistoryRow => ({
  id: "0b7c3f2e-4a61-4d1e-9a53-6f1d2c9e0a01",
  publicId: "1ec5d310c951ebd54d84",
  status: "ACTIVE",
  reason: "SPAM",
  smtpUser: "newsletter",
  senderAddress: "news@example.org",
  createdAt: "2026-12-01T10:00:00.000Z",
  endedAt: null,
  review: null,
  cursor: { createdAt: "1", id: "0b7c3f2e-4a61-4d1e-9a53-6f1d2c9e0a01" },
  ...overrides,
});

const csvRows = (rows: HistoryRow[], base: string) => csvRecords(rows.map(csvCellsFor(base)));

describe("the history's CSV", () => {
  it("has a header row and CRLF records", () => {
    expect(csvRecords([CSV_COLUMNS])).toBe(
      "report_id,status,reason,smtp_user,sender_address,blocked_at,ended_at,review,portal_url\r\n",
    );
    expect(csvRows([row({})], "https://reports.example.net")).toBe(
      "1ec5d310c951ebd54d84,ACTIVE,SPAM,newsletter,news@example.org,2026-12-01T10:00:00.000Z,,,https://reports.example.net/account/blocks/1ec5d310c951ebd54d84\r\n",
    );
    // A base with a path of its own: the portal's links are at the host's root, as the app serves them.
    expect(csvRows([row({ review: "APPROVED", endedAt: "2026-12-02T10:00:00.000Z" })], "https://r.example/x/")).toBe(
      "1ec5d310c951ebd54d84,ACTIVE,SPAM,newsletter,news@example.org,2026-12-01T10:00:00.000Z,2026-12-02T10:00:00.000Z,APPROVED,https://r.example/account/blocks/1ec5d310c951ebd54d84\r\n",
    );
  });

  it("quotes commas, quotes and line breaks as RFC 4180 says", () => {
    const [line] = csvRows([row({ smtpUser: 'a,"b"\r\nc' })], "https://r.example").split(/,(?=news@)/);
    expect(line).toBe('1ec5d310c951ebd54d84,ACTIVE,SPAM,"a,""b""\r\nc"');
  });

  it.each(['=HYPERLINK("http://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"])(
    "neutralises a cell a spreadsheet would run: %j",
    (value) => {
      const out = csvRows([row({ smtpUser: value })], "https://r.example");
      const cell = out.split(",SPAM,")[1]!;
      // The cell starts with an apostrophe (inside quotes where quoting is needed), never with the formula character.
      expect(cell.replace(/^"/, "")).toMatch(/^'/);
    },
  );

  it("shows bidi controls and invisible characters in an SMTP user or sender address as markers", () => {
    const out = csvRows(
      [row({ smtpUser: "news\u202Etxt.exe", senderAddress: "=pay\u200Bpal@evil.example" })],
      "https://r.example",
    );
    expect(out).toBe(
      "1ec5d310c951ebd54d84,ACTIVE,SPAM,news⟨U+202E⟩txt.exe,'=pay⟨U+200B⟩pal@evil.example,2026-12-01T10:00:00.000Z,,,https://r.example/account/blocks/1ec5d310c951ebd54d84\r\n",
    );
    expect(out).not.toMatch(/[\u200B\u202E]/);
  });
});

describe("the history's URL state", () => {
  it("reads what it writes, and drops what does not parse", () => {
    const filters = parseHistoryFilters({
      status: "LIFTED",
      reason: "nonsense",
      smtpUser: "0B7C3F2E-4A61-4D1E-9A53-6F1D2C9E0A01",
      from: "2026-02-30",
      to: "2026-12-01",
      q: " promo@ ",
      order: "oldest",
    });
    expect(filters).toEqual({
      order: "oldest",
      status: "LIFTED",
      smtpUser: "0b7c3f2e-4a61-4d1e-9a53-6f1d2c9e0a01",
      to: "2026-12-01",
      q: "promo@",
    });
    const cursor = { createdAt: "1764583200123456", id: "0b7c3f2e-4a61-4d1e-9a53-6f1d2c9e0a01" };
    const query = historyQuery(filters, cursor);
    const params = Object.fromEntries(new URLSearchParams(query.slice(1)));
    expect(parseHistoryFilters(params)).toEqual(filters);
    expect(parseHistoryCursor(params)).toEqual(cursor);
    expect(parseHistoryCursor({ after: "12_not-a-uuid" })).toBeNull();
    expect(historyQuery({ order: "newest" })).toBe("");
  });
});
