import type { RunnerResult } from "lighthouse";
import { LanternLargestContentfulPaint } from "lighthouse/core/computed/metrics/lantern-largest-contentful-paint.js";

/** The part of a Lantern graph node read here (a CPU task or a request). */
interface GraphNode {
  type: string;
  isMainDocument: () => boolean;
  request: { requestId: string; url: string; resourceType?: string; priority: string; transferSize: number };
}
interface Graph {
  traverse: (callback: (node: GraphNode) => void) => void;
}

/** A request Lighthouse's simulated LCP waited for. */
export interface LcpRequest {
  url: string;
  resourceType: string;
  /** Chromium's fetch priority (Low for Next's async scripts, VeryHigh for a stylesheet in head). */
  priority: string;
  transferBytes: number;
}

/*
 * Lighthouse's default (simulated) LCP replays the observed page load on a slow phone twice,
 * an optimistic and a pessimistic graph, and averages them. Both graphs hold every request
 * that had finished loading when the largest paint was observed (low-priority images aside),
 * however unimportant; a script leaves them only if a long task evaluating it started after
 * that paint. So when the page's scripts finish over the loopback before Chromium shows the
 * first frame, their download on slow 4G is counted as if the headline waited for it.
 * This recomputes the graphs from the run's own artifacts (Lighthouse caches nothing across
 * calls here; it costs milliseconds) and lists what is in them besides the page itself.
 */
export async function lanternLcpRequests(result: RunnerResult): Promise<LcpRequest[]> {
  const { artifacts, lhr } = result;
  const data = {
    trace: artifacts.Trace,
    devtoolsLog: artifacts.DevtoolsLog,
    gatherContext: artifacts.GatherContext,
    settings: lhr.configSettings,
    URL: artifacts.URL,
  };
  const metric = await LanternLargestContentfulPaint.request(data, {
    computedCache: new Map(),
  } as Parameters<typeof LanternLargestContentfulPaint.request>[1]);
  const requests = new Map<string, LcpRequest>();
  for (const graph of [metric.optimisticGraph, metric.pessimisticGraph] as Graph[]) {
    graph.traverse((node) => {
      if (node.type !== "network" || node.isMainDocument()) return;
      const { request } = node;
      requests.set(request.requestId, {
        url: request.url,
        resourceType: request.resourceType ?? "Other",
        priority: request.priority,
        transferBytes: request.transferSize,
      });
    });
  }
  return [...requests.values()];
}
