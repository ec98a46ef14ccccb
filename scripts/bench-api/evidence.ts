import type { EvidenceItem } from "@/lib/evidence";
import {
  complaintRateItem,
  headerProblemsItem,
  listQualityItem,
  messageSamplesItem,
  suspiciousLinksItem,
} from "../../tests/support/evidence-fixtures";

/** The five evidence items of every benchmarked block (the mock-up's ABUSE story). */
export const benchEvidence = (): EvidenceItem[] => [
  complaintRateItem(),
  listQualityItem(),
  messageSamplesItem(),
  suspiciousLinksItem(),
  headerProblemsItem(),
];

export const BENCH_SCORES = { spam: 31, abuse: 78, rate: 12, combined: 84, threshold: 70 };
