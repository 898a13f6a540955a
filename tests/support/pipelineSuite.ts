import { afterAll, afterEach, beforeAll, describe } from "vitest";
import type { RedisClient } from "../../src/infrastructure/redis/connectRedis.js";
import { deleteKeys, uniquePrefix } from "./eventsKit.js";
import { eventsEnv } from "./notificationsKit.js";
import { redisForTests, redisSkipReason, TEST_REDIS_URL, type TestRedis } from "./redis.js";
import { SmtpSink } from "./smtpSink.js";

export interface Pipeline {
  sink: SmtpSink;
  redis: TestRedis;
  /** A stream prefix of the test's own, deleted after the test. */
  freshPrefix(name: string): string;
  /** Settings for an API or worker on the shared Redis and the SMTP sink, under `prefix`. */
  env(prefix: string, over?: Record<string, string>): Record<string, string>;
}

/**
 * A describe block with the shared test Redis and a real SMTP server, or skipped with the reason in its name.
 * After each test the sink is back to accepting mail at once and the test's stream keys are gone.
 */
export async function describePipeline(title: string, body: (pipeline: () => Pipeline) => void): Promise<void> {
  const skip = await redisSkipReason();
  describe.skipIf(skip !== null)(skip ? `${title} (skipped: ${skip})` : title, () => {
    let ready: Pipeline | undefined;
    const prefixes: string[] = [];
    beforeAll(async () => {
      const sink = await new SmtpSink().start();
      const redis = await redisForTests();
      ready = {
        sink,
        redis,
        freshPrefix: (name) => {
          const prefix = uniquePrefix(name);
          prefixes.push(prefix);
          return prefix;
        },
        env: (prefix, over = {}) => eventsEnv({ REDIS_URL: TEST_REDIS_URL, SMTP_URL: sink.url, EVENT_STREAM_PREFIX: prefix, ...over }),
      };
    });
    afterEach(async () => {
      if (!ready) return;
      ready.sink.refusing = false;
      ready.sink.delayMs = 0;
      for (const p of prefixes.splice(0)) await deleteKeys(ready.redis.client as RedisClient, p);
    });
    afterAll(async () => {
      await ready?.sink.stop();
      await ready?.redis.close();
    });
    body(() => ready!);
  });
}
