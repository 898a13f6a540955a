import type { Logger } from "../logging/logger.js";
import type { ObservableBus } from "./BusStats.js";

/** One readable line per interval: delivered, retried, dead-lettered, and per group what is pending and not yet read. */
export function reportBusMetrics(bus: ObservableBus, logger: Logger, intervalMs: number): () => void {
  if (intervalMs <= 0) return () => undefined;
  const timer = setInterval(() => {
    bus.stats().then(
      (s) => {
        const groups = s.groups.map((g) => `${g.channel}/${g.group} pending=${g.pending} lag=${g.lag ?? "?"}`).join(", ");
        logger.info({ metrics: s }, `events: delivered=${s.delivered} retried=${s.retried} dead-lettered=${s.deadLettered}${groups ? `; ${groups}` : ""}`);
      },
      (error: unknown) => logger.warn({ err: String(error) }, "events: metrics unavailable"),
    );
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
