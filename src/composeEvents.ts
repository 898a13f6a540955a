import type { Clock } from "./application/ports/Clock.js";
import type { DeadLetters } from "./application/ports/DeadLetters.js";
import type { EventBus } from "./application/ports/EventBus.js";
import type { Mailer } from "./application/ports/Mailer.js";
import type { OutboxStore } from "./application/ports/OutboxStore.js";
import type { SendLedger } from "./application/ports/SendLedger.js";
import type { Config } from "./infrastructure/config/config.js";
import type { ObservableBus } from "./infrastructure/events/BusStats.js";
import type { Logger } from "./infrastructure/logging/logger.js";
import { EmlFileMailer } from "./infrastructure/mail/EmlFileMailer.js";
import { SmtpMailer } from "./infrastructure/mail/SmtpMailer.js";
import { InMemoryEventBus } from "./infrastructure/memory/InMemoryEventBus.js";
import { InMemorySendLedger } from "./infrastructure/memory/InMemorySendLedger.js";
import { OutboxRelay } from "./infrastructure/outbox/OutboxRelay.js";
import { connectRedis, type RedisClient } from "./infrastructure/redis/connectRedis.js";
import { RedisSendLedger } from "./infrastructure/redis/RedisSendLedger.js";
import { RedisStreamEventBus } from "./infrastructure/redis/RedisStreamEventBus.js";

export type Bus = EventBus & DeadLetters & ObservableBus;

export interface EventsParts {
  bus: Bus;
  relay: OutboxRelay;
  mailer: Mailer;
  ledger: SendLedger;
  adapters: string[];
  /** In the order they must run: relay, then bus, then mailer. */
  close(): Promise<void>;
}

/** Part of the composition root: picks the event bus, mailer and ledger adapters from config. */
export async function composeEvents(config: Config, logger: Logger, deps: { redis: RedisClient | null; outbox: OutboxStore; clock: Clock }): Promise<EventsParts> {
  const ev = config.events;
  const adapters: string[] = [];
  let bus: Bus & { close?: () => Promise<void> };
  let ledger: SendLedger;
  if (config.redisUrl && deps.redis) {
    const url = config.redisUrl;
    // Publishing and consuming never share a connection: a blocked XREADGROUP must not delay a signup's XADD.
    const [publisher, commands] = await Promise.all([connectRedis({ url }, logger), connectRedis({ url }, logger)]);
    bus = new RedisStreamEventBus(
      { publisher, commands, openReader: () => connectRedis({ url }, logger) },
      { ...ev, prefix: ev.streamPrefix, shutdownTimeoutMs: config.shutdownTimeoutMs, ...(config.worker.name ? { consumerName: config.worker.name } : {}) },
      logger,
    );
    ledger = new RedisSendLedger(deps.redis, { prefix: ev.streamPrefix, claimMs: config.notifications.claimMs, sentTtlSeconds: config.notifications.sentTtlSeconds });
    adapters.push(`events: Redis Streams (${ev.streamPrefix})`);
  } else {
    bus = new InMemoryEventBus({ retry: ev.retry, maxLen: ev.maxLen, concurrency: ev.concurrency });
    ledger = new InMemorySendLedger(deps.clock, { claimMs: config.notifications.claimMs, sentTtlSeconds: config.notifications.sentTtlSeconds });
    adapters.push("events: in-memory");
  }
  const smtp = config.mail.smtpUrl ? new SmtpMailer({ ...config.mail, url: config.mail.smtpUrl }, logger) : null;
  const mailer = smtp ?? new EmlFileMailer(config.mail.dir, config.mail.from);
  adapters.push(smtp ? "mail: SMTP" : `mail: .eml files in ${config.mail.dir}`);
  const relay = new OutboxRelay(deps.outbox, bus, {
      batchSize: config.outbox.batchSize,
      pollIntervalMs: config.outbox.pollIntervalMs,
      // Retrying the bus more rarely than the poll would only delay the backlog once it is back.
      retryBaseMs: Math.min(ev.retry.baseDelayMs, config.outbox.pollIntervalMs),
      retryMaxMs: config.outbox.pollIntervalMs,
    }, logger);
  return {
    bus,
    relay,
    mailer,
    ledger,
    adapters,
    close: async () => {
      await relay.stop();
      await bus.close?.();
      smtp?.close();
    },
  };
}
