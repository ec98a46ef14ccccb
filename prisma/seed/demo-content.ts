import { createHash } from "node:crypto";
import type { BlockReason, BlockStatus } from "@/lib/generated/prisma/enums";

// Demo data is public (README, start-up banner): fixed ids, secrets and passwords, so the
// demo links stay stable across runs. It is written only to the embedded database, or by
// an explicit `npm run seed`.

export const DEMO_ACCOUNTS = [
  {
    id: "0b7c3f2e-4a61-4d1e-9a53-6f1d2c9e0a01",
    name: "Northwind Newsletters",
    planName: "Growth",
    limitPerMinute: 600,
  },
  { id: "0b7c3f2e-4a61-4d1e-9a53-6f1d2c9e0a02", name: "Acme Shop", planName: "Starter", limitPerMinute: 120 },
] as const;

export const DEMO_SMTP_USERS = [
  {
    id: "5e0f7d1a-2b3c-4d5e-8f90-a1b2c3d40001",
    accountId: DEMO_ACCOUNTS[0].id,
    username: "newsletter-app",
    externalId: "nw-1001",
  },
  {
    id: "5e0f7d1a-2b3c-4d5e-8f90-a1b2c3d40002",
    accountId: DEMO_ACCOUNTS[0].id,
    username: "billing-mailer",
    externalId: "nw-1002",
  },
  {
    id: "5e0f7d1a-2b3c-4d5e-8f90-a1b2c3d40003",
    accountId: DEMO_ACCOUNTS[0].id,
    username: "crm-sync",
    externalId: "nw-1003",
  },
  {
    id: "5e0f7d1a-2b3c-4d5e-8f90-a1b2c3d40004",
    accountId: DEMO_ACCOUNTS[1].id,
    username: "shop-notify",
    externalId: "acme-7",
  },
  {
    id: "5e0f7d1a-2b3c-4d5e-8f90-a1b2c3d40005",
    accountId: DEMO_ACCOUNTS[1].id,
    username: "marketing",
    externalId: "acme-8",
  },
] as const;

export const DEMO_LOGINS = [
  {
    role: "STAFF",
    email: "staff@example.net",
    password: "demo-staff-2026",
    name: "Sam Reviewer",
    home: "/staff",
    accountId: null,
  },
  {
    role: "ADMIN",
    email: "admin@example.net",
    password: "demo-admin-2026",
    name: "Alex Admin",
    home: "/staff",
    accountId: null,
  },
  {
    role: "OWNER",
    email: "owner@northwind.example",
    password: "demo-owner-2026",
    name: "Nora Owner",
    home: "/account",
    accountId: DEMO_ACCOUNTS[0].id,
  },
  // A second account's owner, so the portal's isolation can be seen by hand.
  {
    role: "OWNER",
    email: "owner@acme-shop.example",
    password: "demo-acme-2026",
    name: "Arlo Owner",
    home: "/account",
    accountId: DEMO_ACCOUNTS[1].id,
  },
] as const;

export interface DemoBlock {
  key: string;
  label: string;
  publicId: string;
  smtpUserIndex: number;
  senderAddress: string | null;
  reason: BlockReason;
  status: BlockStatus;
  scores: { spam: number; abuse: number; rate: number; combined: number; threshold: number };
  escalationLevel: number;
  /** Hours relative to the seeding time. */
  createdHoursAgo: number;
  expiresInHours: number | null;
}

export const DEMO_BLOCKS: DemoBlock[] = [
  {
    key: "abuse-active",
    label: "abuse, active",
    publicId: "1ec5d310c951ebd54d84",
    smtpUserIndex: 0,
    senderAddress: null,
    reason: "ABUSE",
    status: "ACTIVE",
    scores: { spam: 31, abuse: 78, rate: 12, combined: 84, threshold: 70 },
    escalationLevel: 2,
    createdHoursAgo: 3,
    expiresInHours: null,
  },
  {
    key: "spam-review",
    label: "spam, under review",
    publicId: "7a1d9e44b02c6f835e10",
    smtpUserIndex: 4,
    senderAddress: "promo@acme-shop.example",
    reason: "SPAM",
    status: "UNDER_REVIEW",
    scores: { spam: 88, abuse: 22, rate: 5, combined: 81, threshold: 70 },
    escalationLevel: 1,
    createdHoursAgo: 20,
    expiresInHours: null,
  },
  {
    key: "rate-expired",
    label: "rate, expired",
    publicId: "c3f08b5a9d2e71460a3b",
    smtpUserIndex: 1,
    senderAddress: null,
    reason: "RATE",
    status: "EXPIRED",
    scores: { spam: 4, abuse: 9, rate: 92, combined: 74, threshold: 70 },
    escalationLevel: 1,
    createdHoursAgo: 50,
    expiresInHours: -26,
  },
  {
    key: "combined-lifted",
    label: "combined (abuse + rate), lifted",
    publicId: "52be6a0f13c4d98e7b21",
    smtpUserIndex: 2,
    senderAddress: "crm@northwind.example",
    reason: "ABUSE",
    status: "LIFTED",
    scores: { spam: 58, abuse: 71, rate: 66, combined: 90, threshold: 70 },
    escalationLevel: 3,
    createdHoursAgo: 96,
    expiresInHours: null,
  },
  {
    key: "spam-expiring",
    label: "spam, active, expires in 3 h",
    publicId: "e9047c2d6b1a35f8c4d7",
    smtpUserIndex: 3,
    senderAddress: null,
    reason: "SPAM",
    status: "ACTIVE",
    scores: { spam: 76, abuse: 14, rate: 20, combined: 72, threshold: 70 },
    escalationLevel: 1,
    createdHoursAgo: 1,
    expiresInHours: 3,
  },
];

/** Stable demo secret for a report: public by design, never used outside demo data. */
export function demoSecret(publicId: string): string {
  return createHash("sha256").update(`block-reports demo ${publicId}`).digest("base64url");
}

export function demoReportLinks(baseUrl: string) {
  return DEMO_BLOCKS.map((block) => {
    const url = new URL("/", baseUrl);
    url.searchParams.set("id", block.publicId);
    url.searchParams.set("auth", demoSecret(block.publicId));
    return { key: block.key, label: block.label, url: url.toString() };
  });
}
