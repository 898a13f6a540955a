import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { BusStats, ObservableBus } from "../events/BusStats.js";

/** The outbox as the metrics see it: OutboxRelay has exactly this shape. */
export interface OutboxView {
  readonly published: number;
  readonly failedPasses: number;
  backlog(): Promise<number>;
}

const LOGIN_OUTCOMES = ["succeeded", "failed", "throttled"] as const;
// Web latencies: 5 ms to 10 s. The bcrypt-bound routes (signup, login) land in the middle buckets.
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
// A scrape reads the bus once for all its gauges, not once per gauge.
const STATS_FRESH_MS = 1_000;

/**
 * One Prometheus registry per process (not prom-client's global one, so tests can hold several). Counters that
 * requests and messages push go through the methods; everything else (bus, outbox) is read at scrape time.
 */
export class PrometheusMetrics {
  readonly contentType: string;
  readonly #registry = new Registry();
  readonly #duration: Histogram<"route" | "method" | "status_class"> | null = null;
  // A plain number on the hot path; the gauge reads it when scraped.
  #inFlight = 0;
  // One labelled child per route, method and status class, found by a string key: prom-client's own label hashing
  // on every observation costs a third more.
  readonly #observers = new Map<string, (seconds: number) => void>();
  readonly #logins: Counter<"outcome"> | null = null;
  readonly #emails: Counter<"event" | "outcome">;

  /** `http`: this process serves the API, so it gets the request and login families; a worker does not. */
  constructor(options: { http: boolean }) {
    const registers = [this.#registry];
    this.contentType = this.#registry.contentType;
    collectDefaultMetrics({ register: this.#registry });
    this.#emails = new Counter({
      name: "bazaar_emails_total",
      help: "Notification emails by triggering event and outcome: sent, failed, retried (a redelivery began), skipped_duplicate",
      labelNames: ["event", "outcome"],
      registers,
    });
    if (!options.http) return;
    this.#duration = new Histogram({
      name: "bazaar_http_request_duration_seconds",
      help: "HTTP requests by route template, method and status class",
      labelNames: ["route", "method", "status_class"],
      buckets: DURATION_BUCKETS,
      registers,
    });
    const inFlight: Gauge = new Gauge({
      name: "bazaar_http_requests_in_flight",
      help: "HTTP requests being handled now",
      registers,
      collect: () => inFlight.set(this.#inFlight),
    });
    this.#logins = new Counter({ name: "bazaar_logins_total", help: "Login attempts by outcome", labelNames: ["outcome"], registers });
    // Zero from the start, so a rate over the first failures is not lost and dashboards show the series at once.
    for (const outcome of LOGIN_OUTCOMES) this.#logins.inc({ outcome }, 0);
  }

  requestStarted(): void {
    this.#inFlight++;
  }

  requestFinished(labels: { route: string; method: string; statusClass: string }, seconds: number): void {
    this.#inFlight--;
    const key = `${labels.route} ${labels.method} ${labels.statusClass}`;
    let observe = this.#observers.get(key);
    if (!observe && this.#duration) {
      const child = this.#duration.labels({ route: labels.route, method: labels.method, status_class: labels.statusClass });
      observe = (s) => child.observe(s);
      this.#observers.set(key, observe);
    }
    observe?.(seconds);
  }

  login(outcome: (typeof LOGIN_OUTCOMES)[number]): void {
    this.#logins?.inc({ outcome });
  }

  email(event: string, outcome: string): void {
    this.#emails.inc({ event, outcome });
  }

  /** Per stream and consumer group (of the groups this process consumes): pending, lag, dead letters; and this process's delivery counters. */
  watchBus(bus: ObservableBus): void {
    const stats = freshFor(STATS_FRESH_MS, () => bus.stats());
    const registers = [this.#registry];
    const labelNames = ["stream", "group"] as const;
    const perGroup = (name: string, help: string, value: (g: BusStats["groups"][number]) => number | null) =>
      new Gauge({
        name,
        help,
        labelNames,
        registers,
        async collect() {
          this.reset();
          const s = await stats().catch(() => null);
          for (const g of s?.groups ?? []) {
            const v = value(g);
            if (v !== null) this.set({ stream: g.channel, group: g.group }, v);
          }
        },
      });
    perGroup("bazaar_events_pending", "Messages delivered to the group and not acknowledged yet", (g) => g.pending);
    perGroup("bazaar_events_lag", "Messages on the stream not yet delivered to the group (consumer lag)", (g) => g.lag);
    perGroup("bazaar_events_dead_letters", "Messages in the group's dead-letter stream", (g) => g.deadLetters);
    const total = (name: string, help: string, value: (s: BusStats) => number) =>
      new Counter({
        name,
        help,
        registers,
        async collect() {
          const s = await stats().catch(() => null);
          if (!s) return;
          this.reset();
          this.inc(value(s));
        },
      });
    total("bazaar_events_delivered_total", "Messages this process handled successfully", (s) => s.delivered);
    total("bazaar_events_retried_total", "Messages this process failed and scheduled for a retry", (s) => s.retried);
    total("bazaar_events_dead_lettered_total", "Messages this process moved to a dead-letter stream", (s) => s.deadLettered);
  }

  /** The transactional outbox: what waits to be published, and how often publishing failed. */
  watchOutbox(outbox: OutboxView): void {
    const registers = [this.#registry];
    new Gauge({
      name: "bazaar_outbox_backlog",
      help: "Events stored with their aggregate and not yet published to the bus",
      registers,
      async collect() {
        const n = await outbox.backlog().catch(() => null);
        // Unknown (the store is down) is no sample at all, rather than a reassuring zero.
        this.reset();
        if (n !== null) this.set(n);
      },
    });
    new Counter({
      name: "bazaar_outbox_relay_failures_total",
      help: "Relay passes that could not publish (bus or store unreachable)",
      registers,
      collect() {
        this.reset();
        this.inc(outbox.failedPasses);
      },
    });
    new Counter({
      name: "bazaar_outbox_published_total",
      help: "Events the relay published",
      registers,
      collect() {
        this.reset();
        this.inc(outbox.published);
      },
    });
  }

  scrape(): Promise<string> {
    return this.#registry.metrics();
  }
}

function freshFor<T>(ms: number, read: () => Promise<T>): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | null = null;
  return () => {
    const now = Date.now();
    if (!last || now - last.at > ms) last = { at: now, value: read() };
    return last.value;
  };
}
