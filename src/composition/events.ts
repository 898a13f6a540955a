import { instanceCachingFactory } from "./container.js";
import type { Bus } from "../infrastructure/events/Bus.js";
import { EmlFileMailer } from "../infrastructure/mail/EmlFileMailer.js";
import { SmtpMailer } from "../infrastructure/mail/SmtpMailer.js";
import { InMemoryEventBus } from "../infrastructure/memory/InMemoryEventBus.js";
import { InMemorySendLedger } from "../infrastructure/memory/InMemorySendLedger.js";
import { OutboxRelay } from "../infrastructure/outbox/OutboxRelay.js";
import { connectRedis } from "../infrastructure/redis/connectRedis.js";
import { RedisSendLedger } from "../infrastructure/redis/RedisSendLedger.js";
import { RedisStreamEventBus } from "../infrastructure/redis/RedisStreamEventBus.js";
import type { FeatureModule } from "./runtime.js";
import { CLOCK, EVENT_BUS, MAILER, OUTBOX_RELAY, SEND_LEDGER, USERS } from "./tokens.js";

/**
 * The event bus (Redis Streams or memory), the outbox relay that feeds it from the users' outbox, the mailer and the
 * send ledger. Closes in the order they must stop: relay, then bus, then mailer.
 */
export const eventsModule: FeatureModule = async (c, { config, logger, redis, onClose, uses }) => {
  const ev = config.events;
  const client = await redis();
  let bus: Bus;
  if (config.redis && client) {
    const target = config.redis;
    // Publishing and consuming never share a connection: a blocked XREADGROUP must not delay a signup's XADD.
    const [publisher, commands] = await Promise.all([connectRedis(target, logger), connectRedis(target, logger)]);
    bus = new RedisStreamEventBus(
      // On a cluster a reader needs only the node holding its stream, not a connection to every node.
      { publisher, commands, openReader: () => connectRedis(target, logger, { minimizeConnections: true }) },
      { ...ev, prefix: ev.streamPrefix, shutdownTimeoutMs: config.shutdownTimeoutMs, waitReplicas: config.redisWaitReplicas, ...(config.worker.name ? { consumerName: config.worker.name } : {}) },
      logger,
    );
    // On the consumers' command connection: a worker's claims, sent marks and acknowledgements issued in the same turn
    // of the event loop then leave in one write (node-redis writes a connection's queued commands together).
    c.register(SEND_LEDGER, { useValue: new RedisSendLedger(commands, { prefix: ev.streamPrefix, claimMs: config.notifications.claimMs, sentTtlSeconds: config.notifications.sentTtlSeconds, waitReplicas: config.redisWaitReplicas }) });
    uses(`events: Redis Streams (${ev.streamPrefix}${"clusterNodes" in target ? ", Redis Cluster" : ""})`);
  } else {
    bus = new InMemoryEventBus({ retry: ev.retry, maxLen: ev.maxLen, concurrency: ev.concurrency });
    c.register(SEND_LEDGER, {
      useFactory: instanceCachingFactory((r) => new InMemorySendLedger(r.resolve(CLOCK), { claimMs: config.notifications.claimMs, sentTtlSeconds: config.notifications.sentTtlSeconds })),
    });
    uses("events: in-memory");
  }
  c.register(EVENT_BUS, { useValue: bus });

  const smtp = config.mail.smtpUrl ? new SmtpMailer({ ...config.mail, url: config.mail.smtpUrl }, logger) : null;
  c.register(MAILER, { useValue: smtp ?? new EmlFileMailer(config.mail.dir, config.mail.from) });
  uses(smtp ? "mail: SMTP" : `mail: .eml files in ${config.mail.dir}`);

  // Lazy: the users' repository (which is also the outbox) may be registered by a module that runs later.
  let relay: OutboxRelay | undefined;
  c.register(OUTBOX_RELAY, {
    useFactory: (r) =>
      (relay ??= new OutboxRelay(r.resolve(USERS), bus, {
        batchSize: config.outbox.batchSize,
        pollIntervalMs: config.outbox.pollIntervalMs,
        // Retrying the bus more rarely than the poll would only delay the backlog once it is back.
        retryBaseMs: Math.min(ev.retry.baseDelayMs, config.outbox.pollIntervalMs),
        retryMaxMs: config.outbox.pollIntervalMs,
      }, logger)),
  });
  onClose(async () => {
    await relay?.stop();
    await bus.close?.();
    smtp?.close();
  });
};
