import cliProgress from "cli-progress";
import type { ImageOutcome, ImportProgress } from "../../application/ports/ImportProgress.js";

type Out = NodeJS.WriteStream;

/** A live bar with rate and ETA on a terminal; plain periodic lines when piped or in CI. */
export function progressReporter(out: Out, intervalMs = 2_000): ImportProgress {
  return out.isTTY ? barProgress(out) : lineProgress(out, intervalMs);
}

function barProgress(out: Out): ImportProgress {
  const bar = new cliProgress.SingleBar(
    { stream: out, format: "images {bar} {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted} | up {uploaded} skip {skipped} fail {failed}", hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const counts = { uploaded: 0, skipped: 0, failed: 0, pending: 0 };
  let started = 0;
  return {
    start: (total) => {
      started = Date.now();
      bar.start(total, 0, { ...counts, rate: "0.0" });
    },
    advance: (outcome: ImageOutcome) => {
      counts[outcome]++;
      bar.increment(1, { ...counts, rate: (bar.getProgress() * bar.getTotal() / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(1) });
    },
    stop: () => bar.stop(),
  };
}

function lineProgress(out: Out, intervalMs: number): ImportProgress {
  const counts = { uploaded: 0, skipped: 0, failed: 0, pending: 0 };
  let total = 0;
  let started = 0;
  let timer: NodeJS.Timeout | undefined;
  const line = () => {
    const done = counts.uploaded + counts.skipped + counts.failed + counts.pending;
    const seconds = (Date.now() - started) / 1000;
    const rate = done / Math.max(seconds, 0.001);
    const eta = rate > 0 ? Math.round((total - done) / rate) : 0;
    out.write(
      `images ${done}/${total} (${total ? Math.floor((done / total) * 100) : 100}%) ${rate.toFixed(1)}/s ETA ${eta}s` +
        ` uploaded=${counts.uploaded} skipped=${counts.skipped} failed=${counts.failed}\n`,
    );
  };
  return {
    start: (n) => {
      total = n;
      started = Date.now();
      timer = setInterval(line, intervalMs);
      timer.unref();
    },
    advance: (outcome) => void counts[outcome]++,
    stop: () => {
      clearInterval(timer);
      line();
    },
  };
}
