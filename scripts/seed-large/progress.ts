import cliProgress from "cli-progress";
import type { SeedCounts } from "./seed-volume";

export interface ProgressReporter {
  update: (done: SeedCounts) => void;
  stop: () => void;
}

const formatCount = (n: number) => n.toLocaleString("en-US");

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes}m${String(seconds % 60).padStart(2, "0")}s` : `${seconds}s`;
}

/**
 * A bar (blocks done / total, rate, ETA) on a terminal; one line per batch when stdout is a
 * pipe or a CI log, where redrawing a bar would only produce noise.
 */
export function createProgressReporter(total: number, stream: NodeJS.WriteStream = process.stdout): ProgressReporter {
  const started = performance.now();
  const rateOf = (blocks: number) => blocks / Math.max((performance.now() - started) / 1000, 0.001);

  if (!stream.isTTY) {
    return {
      update(done) {
        const rate = rateOf(done.blocks);
        const eta = rate > 0 ? ((total - done.blocks) / rate) * 1000 : 0;
        const percent = ((done.blocks / total) * 100).toFixed(1);
        stream.write(
          `blocks ${formatCount(done.blocks)}/${formatCount(total)} (${percent}%)  ${formatCount(Math.round(rate))}/s` +
            `  ETA ${formatDuration(eta)}  evidence ${formatCount(done.evidence)}  events ${formatCount(done.events)}\n`,
        );
      },
      stop() {},
    };
  }

  const bar = new cliProgress.SingleBar(
    {
      stream,
      format:
        "blocks {bar} {percentage}% | {done}/{all} | {rate}/s | ETA {eta_formatted} | elapsed {duration_formatted}",
      hideCursor: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { done: "0", all: formatCount(total), rate: "0" });
  return {
    update(done) {
      bar.update(done.blocks, { done: formatCount(done.blocks), rate: formatCount(Math.round(rateOf(done.blocks))) });
    },
    stop() {
      if (bar.isActive) bar.stop();
    },
  };
}
