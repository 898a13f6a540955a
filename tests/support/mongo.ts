import type { Db } from "mongodb";
import { afterAll, describe, inject, it } from "vitest";
import { connectMongo, type MongoConnection } from "../../src/infrastructure/mongo/connectMongo.js";
import type { Capability } from "./mongoCapabilities.js";
import type { MongoProbe } from "./mongoProbe.js";

/** What the summary reporter reads from each MongoDB test: the server, and what it lacks that the test needs. */
export interface MongoTestMeta {
  server: string;
  lacking: Capability[];
  /** Why there is no server at all, if there is none. */
  reason: string;
}

declare module "vitest" {
  interface TaskMeta {
    mongo?: MongoTestMeta;
  }
}

/**
 * `it`, for a test that needs these server capabilities: skipped, naming the missing ones and the server, where
 * the probe found them missing. Contracts shared with other adapters take one; those adapters pass `itAlways`.
 */
export type ItNeeds = (needs: readonly Capability[], name: string, fn: () => Promise<void>) => void;

export const itAlways: ItNeeds = (_needs, name, fn) => it(name, fn);

/**
 * The capability check can be switched off (`MONGODB_IGNORE_CAPABILITIES=1`) to watch what the tests that would be
 * skipped actually do on this server: that is how each declared need was confirmed.
 */
export function itNeedsOn(mongo: MongoProbe, base: readonly Capability[] = []): ItNeeds {
  const ignore = process.env.MONGODB_IGNORE_CAPABILITIES === "1";
  return (needs, name, fn) => {
    const lacking = [...new Set([...base, ...needs])].filter((n) => n in mongo.missing && !ignore);
    const title = lacking.length ? `${name} (skipped on ${mongo.server}: no ${lacking.join(", no ")})` : name;
    it(title, { skip: !mongo.uri || lacking.length > 0, meta: { mongo: { server: mongo.server, lacking, reason: mongo.reason } } }, fn);
  };
}

export interface MongoKit {
  /** A database of its own for each call: a new name, never one that has to be emptied first. */
  freshDb: () => Promise<Db>;
  itNeeds: ItNeeds;
}

/**
 * A describe block against the MongoDB found by globalSetup, or skipped with the reason in its name. Every test in
 * it needs `base` (what the adapter's setup uses, e.g. its indexes) plus what it declares itself.
 */
export function describeWithMongo(title: string, base: readonly Capability[], body: (kit: MongoKit) => void): void {
  const mongo = inject("mongo");
  describe.skipIf(!mongo.uri)(mongo.uri ? title : `${title} (skipped: ${mongo.reason})`, () => {
    let connection: MongoConnection | undefined;
    const used: Db[] = [];
    const run = `${process.pid}_${Date.now().toString(36)}`;
    afterAll(async () => {
      // A server without dropDatabase (the emulator) keeps them: it holds them in memory and dies with the run.
      if (!mongo.missing.dropDatabase) for (const db of used) await db.dropDatabase();
      await connection?.client.close();
    });
    body({
      freshDb: async () => {
        connection ??= await connectMongo(mongo.uri!, "bazaar_test");
        const db = connection.client.db(`bazaar_test_${run}_${used.length}`);
        used.push(db);
        return db;
      },
      itNeeds: itNeedsOn(mongo, base),
    });
  });
}
