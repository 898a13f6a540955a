import { redisAnswers } from "../../tests/support/redis.js";

export const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";

/** The Redis scenarios are skipped, not failed, where there is no Redis. */
export const redisReachable = (url = REDIS_URL): Promise<boolean> => redisAnswers(url);
