import { afterAll, beforeAll, expect, it } from "vitest";
import { uniquePrefix } from "../../support/eventsKit.js";
import { allArrived, eventsEnv, signUpBurst, startApi, startInProcessWorker, welcomeCounts } from "../../support/notificationsKit.js";
import { describeWithRedisCluster } from "../../support/redisCluster.js";
import { SmtpSink, waitFor } from "../../support/smtpSink.js";

/**
 * Three masters with one replica each: with no replica a killed master's slots (and a third of the keys) are simply
 * gone until it returns, which is an outage, not a failover. With replicas, and REDIS_WAIT_REPLICAS=1 so that an
 * event leaves the outbox and an email is marked sent only once a replica holds it, the loss of one master must
 * cost neither an email nor a duplicate. Redis' own failover is not instant (node timeout 1 s here, about 2-3 s in all),
 * and the shard that lost its master has no replica left until the old master comes back as one.
 */
await describeWithRedisCluster(
  "Redis Cluster failover (3 masters + 3 replicas, private redis-servers)",
  (fixture) => {
    let sink: SmtpSink;
    beforeAll(async () => void (sink = await new SmtpSink().start()));
    afterAll(async () => sink?.stop());

    it("a master SIGKILLed during a signup burst: every acknowledged signup gets exactly one welcome email once a replica has taken over", async () => {
      const { cluster } = fixture();
      const prefix = uniquePrefix("failover");
      const env = eventsEnv({ REDIS_CLUSTER_NODES: cluster.nodes.join(","), REDIS_WAIT_REPLICAS: "1", SMTP_URL: sink.url, EVENT_STREAM_PREFIX: prefix, EVENT_MAX_ATTEMPTS: "30" });
      const api = await startApi(env);
      const workers = [await startInProcessWorker(env), await startInProcessWorker(env)];
      try {
        const before = await signUpBurst(api.url, 10, "before");
        expect(before).toHaveLength(10);
        expect(await waitFor(allArrived(sink, before), 10_000)).toBe(true);
        // The master holding the signup stream: its consumer group, pending entries and dead letters go down with it.
        const victim = await cluster.masterOf(`${prefix}:stream:user:signup`);
        const burst = signUpBurst(api.url, 30, "during");
        await new Promise((r) => setTimeout(r, 20));
        const killed = performance.now();
        await cluster.kill(victim);
        const during = await burst;
        await cluster.waitHealthy();
        const failedOver = performance.now();
        // The promoted replica has no replica of its own, so WAIT 1 refuses and events wait in the outbox (signups
        // still succeed) until the old master is back, as the new master's replica. What an operator would do.
        await cluster.restart(victim);
        await cluster.waitHealthy();
        const after = await signUpBurst(api.url, 10, "after");
        const emails = [...before, ...during, ...after];
        expect(during).toHaveLength(30);
        expect(after).toHaveLength(10);
        expect(await waitFor(allArrived(sink, emails), 30_000)).toBe(true);
        const allEmails = performance.now();
        // Late duplicates (a redelivery after a lost acknowledgement) would arrive within a lease or two.
        await new Promise((r) => setTimeout(r, 1_000));
        expect(welcomeCounts(sink, emails)).toEqual({ missing: [], duplicated: [] });
        console.log(`figures: ${JSON.stringify({ scenario: "cluster-master-killed", signups: emails.length, failoverMs: Math.round(failedOver - killed), allEmailsMsAfterKill: Math.round(allEmails - killed) })}`);
      } finally {
        for (const w of workers) await w.stop();
        await api.stop();
      }
    }, 60_000);
  },
  1,
);
