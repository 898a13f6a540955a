import cliProgress from "cli-progress";
import type { ImageOutcome, ImportProgress } from "../../application/ports/ImportProgress.js";

type Out = NodeJS.WriteStream;

/** A live bar with rate and ETA on a terminal; plain periodic lines when piped or in CI. */
export function progressReporter(out: Out, intervalMs = 2_000): ImportProgress {
  return out.isTTY ? barProgress(out) : lineProgress(out, intervalMs);
}

/** "paused (rate limited by Cloudinary) for 7 s" while a pause lasts, counting down; "" otherwise. */
function pauseState() {
  let until = 0;
  let reason = "";
  return {
    pause: (seconds: number, why: string) => {
      until = Date.now() + seconds * 1000;
      reason = why;
    },
    resume: () => void (until = 0),
    text: () => (until > Date.now() ? `paused (${reason}) for ${Math.ceil((until - Date.now()) / 1000)} s` : ""),
  };
}

function barProgress(out: Out): ImportProgress {
  const bar = new cliProgress.SingleBar(
    { stream: out, format: "images {bar} {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted} | up {uploaded} skip {skipped} fail {failed} {status}", hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const counts = { uploaded: 0, skipped: 0, failed: 0, pending: 0 };
  const pause = pauseState();
  let started = 0;
  let ticker: NodeJS.Timeout | undefined;
  const payload = () => ({ ...counts, status: pause.text(), rate: (bar.getProgress() * bar.getTotal() / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(1) });
  return {
    start: (total) => {
      started = Date.now();
      bar.start(total, 0, { ...counts, rate: "0.0", status: "" });
    },
    advance: (outcome: ImageOutcome) => {
      counts[outcome]++;
      bar.increment(1, payload());
    },
    paused: (seconds, reason) => {
      pause.pause(seconds, reason);
      bar.update(payload());
      // Nothing advances during a pause, so the countdown needs its own clock.
      clearInterval(ticker);
      ticker = setInterval(() => bar.update(payload()), 1_000);
      ticker.unref();
    },
    resumed: () => {
      pause.resume();
      clearInterval(ticker);
      bar.update(payload());
    },
    stop: () => {
      clearInterval(ticker);
      bar.stop();
    },
  };
}

function lineProgress(out: Out, intervalMs: number): ImportProgress {
  const counts = { uploaded: 0, skipped: 0, failed: 0, pending: 0 };
  const pause = pauseState();
  let total = 0;
  let started = 0;
  let timer: NodeJS.Timeout | undefined;
  const line = () => {
    const done = counts.uploaded + counts.skipped + counts.failed + counts.pending;
    const seconds = (Date.now() - started) / 1000;
    const rate = done / Math.max(seconds, 0.001);
    const eta = rate > 0 ? Math.round((total - done) / rate) : 0;
    const paused = pause.text();
    out.write(
      `images ${done}/${total} (${total ? Math.floor((done / total) * 100) : 100}%) ${rate.toFixed(1)}/s ETA ${eta}s` +
        ` uploaded=${counts.uploaded} skipped=${counts.skipped} failed=${counts.failed}${paused ? ` ${paused}` : ""}\n`,
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
    paused: (seconds, reason) => {
      const wasPaused = pause.text() !== "";
      pause.pause(seconds, reason);
      // Said at once, not at the next tick; an extension of the same pause shows in the periodic line.
      if (!wasPaused) out.write(`${pause.text()}\n`);
    },
    resumed: () => {
      pause.resume();
      out.write("resumed\n");
    },
    stop: () => {
      clearInterval(timer);
      line();
    },
  };
}
