import { clearApiKeyCache } from "@/lib/api/authenticate";
import { OPERATOR } from "@/lib/data/callers";
import { createApiKey } from "@/lib/data/api-keys";
import type { EvidenceItem } from "@/lib/evidence";
import {
  complaintRateItem,
  headerProblemsItem,
  listQualityItem,
  messageSamplesItem,
  suspiciousLinksItem,
} from "../../support/evidence-fixtures";
import { createAccount } from "../../support/factories";

export const BASE = "http://api.test";

/** A fresh relay API key (in clear) and its row id. */
export async function createTestKey(name = "test-relay") {
  const created = await createApiKey(OPERATOR, { name });
  return { key: created.key, id: created.id, prefix: created.prefix };
}

export interface ApiCall {
  method?: string;
  key?: string | null;
  body?: unknown;
  rawBody?: BodyInit;
  headers?: Record<string, string>;
}

/** A Request as Next would hand it to a route handler. */
export function apiRequest(path: string, { method = "GET", key, body, rawBody, headers = {} }: ApiCall = {}): Request {
  const init: RequestInit & { duplex?: "half" } = { method, headers: { ...headers } };
  if (key) (init.headers as Record<string, string>).authorization = `Bearer ${key}`;
  if (body !== undefined || rawBody !== undefined) {
    (init.headers as Record<string, string>)["content-type"] ??= "application/json";
    init.body = rawBody ?? JSON.stringify(body);
    init.duplex = "half";
  }
  return new Request(`${BASE}${path}`, init);
}

export const noParams = { params: Promise.resolve({}) as Promise<Record<string, never>> };
export const idParams = (id: string) => ({ params: Promise.resolve({ id }) });

/** Five evidence items, the benchmark's and most tests' body. */
export const fiveEvidenceItems = (): EvidenceItem[] => [
  complaintRateItem(),
  listQualityItem(),
  messageSamplesItem(),
  suspiciousLinksItem(),
  headerProblemsItem(),
];

export async function createBlockBody(overrides: Record<string, unknown> = {}) {
  const account = await createAccount();
  return {
    accountId: account.id,
    smtpUser: { username: `relay-user-${Math.random().toString(16).slice(2, 8)}` },
    reason: "ABUSE",
    scores: { spam: 31, abuse: 78, rate: 12, combined: 84, threshold: 70 },
    evidence: fiveEvidenceItems(),
    ...overrides,
  };
}

export { clearApiKeyCache };
