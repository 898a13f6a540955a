import type { Db } from "mongodb";
import { afterAll, describe, inject } from "vitest";
import { connectMongo, type MongoConnection } from "../../src/infrastructure/mongo/connectMongo.js";

/**
 * A describe block against the MongoDB found by globalSetup, or skipped with the reason in its name.
 * `freshDb()` gives each test a database of its own, dropped when the block ends.
 */
export function describeWithMongo(title: string, body: (freshDb: () => Promise<Db>) => void): void {
  const mongo = inject("mongo");
  describe.skipIf(!mongo.uri)(mongo.uri ? title : `${title} (skipped: ${mongo.reason})`, () => {
    let connection: MongoConnection | undefined;
    const used: Db[] = [];
    afterAll(async () => {
      for (const db of used) await db.dropDatabase();
      await connection?.client.close();
    });
    body(async () => {
      connection ??= await connectMongo(mongo.uri!, "bazaar_test");
      const db = connection.client.db(`bazaar_test_${process.pid}_${used.length}`);
      await db.dropDatabase();
      used.push(db);
      return db;
    });
  });
}
