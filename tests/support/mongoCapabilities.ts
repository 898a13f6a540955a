import { MongoBulkWriteError, MongoServerError, type Collection, type Db, type Document } from "mongodb";

/**
 * Every server feature Bazaar's MongoDB adapters (or the test setup) rely on, each with a check that runs it on a
 * scratch collection and compares the answer with MongoDB's documented behaviour. A test declares the ones it needs
 * and is skipped, naming them, on a server that lacks one; so the lane tightens by itself when the server improves.
 * `$inc` and `$addToSet` are not used yet: they are probed for the adapters still to come.
 */
const CHECKS = {
  "unique index": async (c) => {
    await c.createIndex({ k: 1 }, { unique: true, name: "k_unique" });
    await c.insertOne({ _id: "u1", k: 1 });
    const error = await c.insertOne({ _id: "u2", k: 1 }).then(() => null, (e: unknown) => e);
    expect(error instanceof MongoServerError && error.code === 11000, "a duplicate insert is not error 11000");
  },
  "sparse index": async (c) => void (await c.createIndex({ "a.id": 1 }, { sparse: true, name: "a_sparse" })),
  $set: async (c) => {
    await c.insertOne({ _id: "s", a: 1 });
    await c.updateOne({ _id: "s" }, { $set: { a: 2, "b.c": 3 } });
    expect(same(await c.findOne({ _id: "s" }), { _id: "s", a: 2, b: { c: 3 } }), "the document is not what $set made");
  },
  $unset: async (c) => {
    await c.insertOne({ _id: "us", a: 1, b: 2 });
    await c.updateOne({ _id: "us" }, { $unset: { b: "" } });
    expect(same(await c.findOne({ _id: "us" }), { _id: "us", a: 1 }), "the field is still there");
  },
  $inc: async (c) => {
    await c.insertOne({ _id: "i", n: 1 });
    await c.updateOne({ _id: "i" }, { $inc: { n: 2 } });
    expect((await c.findOne({ _id: "i" }))?.n === 3, "1 + 2 is not 3");
  },
  $setOnInsert: async (c) => {
    const upsert = (v: number) => c.updateOne({ k: "soi" }, { $set: { v }, $setOnInsert: { first: v } }, { upsert: true });
    await upsert(1);
    await upsert(2);
    const doc = await c.findOne({ k: "soi" });
    expect(doc?.v === 2 && doc.first === 1, "$setOnInsert applied on update, or not on insert");
  },
  $addToSet: async (scratch) => {
    const c = listed(scratch);
    await c.insertOne({ _id: "ats", list: [1] });
    await c.updateOne({ _id: "ats" }, { $addToSet: { list: { $each: [1, 2] } } });
    expect(same((await c.findOne({ _id: "ats" }))?.list, [1, 2]), "the set is not [1, 2]");
  },
  $push: async (scratch) => {
    const c = listed(scratch);
    await c.insertOne({ _id: "p", list: [1] });
    await c.updateOne({ _id: "p" }, { $push: { list: { $each: [2, 3] } } });
    expect(same((await c.findOne({ _id: "p" }))?.list, [1, 2, 3]), "the array is not [1, 2, 3]");
  },
  $pull: async (scratch) => {
    const c = listed(scratch);
    await c.insertOne({ _id: "pl", list: [{ id: "x" }, { id: "y" }, { id: "z" }] });
    await c.updateOne({ _id: "pl" }, { $pull: { list: { id: { $in: ["x", "z"] } } } });
    expect(same((await c.findOne({ _id: "pl" }))?.list, [{ id: "y" }]), "the array is not [{id: y}]");
  },
  "bulk upsert": async (c) => {
    await c.insertOne({ _id: "b0", sku: "b0" });
    const op = (sku: string) => ({ updateOne: { filter: { sku }, update: { $set: { v: 1 }, $setOnInsert: { _id: `id-${sku}` } }, upsert: true } });
    const result = await c.bulkWrite([op("b0"), op("b1"), op("b2")], { ordered: true });
    expect(result.upsertedCount === 2 && result.matchedCount === 1, `counted ${result.upsertedCount} upserted, ${result.matchedCount} matched`);
    expect((await c.findOne({ sku: "b2" }))?._id === "id-b2", "$setOnInsert was not applied by the bulk upsert");
  },
  "bulk writeErrors": async (c) => {
    await c.createIndex({ k: 1 }, { unique: true });
    await c.insertOne({ _id: "w0", k: "taken" });
    const error = await c.bulkWrite([{ insertOne: { document: { _id: "w1", k: "free" } } }, { insertOne: { document: { _id: "w2", k: "taken" } } }], { ordered: true })
      .then(() => null, (e: unknown) => e);
    const first = error instanceof MongoBulkWriteError ? [error.writeErrors].flat()[0] : undefined;
    expect(first?.index === 1 && first.code === 11000, "a duplicate key inside a bulk write is not reported in writeErrors[i] with its index");
  },
  projection: async (c) => {
    await c.insertOne({ _id: "pr", a: 1, b: 2 });
    expect(same(await c.findOne({ _id: "pr" }, { projection: { a: 1 } }), { _id: "pr", a: 1 }), "find ignores the projection");
  },
  "query operators": async (c) => {
    // The keyset and search filters: $and, $or, comparisons, a case-insensitive $regex, $exists, dotted paths.
    await c.insertMany([{ _id: "q1", n: "Brass Lamp", p: { a: 5 } }, { _id: "q2", n: "oak", p: { a: 5 } }, { _id: "q3", n: "Oak chair", p: { a: 9 }, x: [{ id: 1 }] }]);
    const ids = async (f: Document) => (await c.find(f).sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(same(await ids({ $and: [{ n: { $regex: "OAK", $options: "i" } }, { $or: [{ "p.a": { $gt: 5 } }, { "p.a": 5, _id: { $gt: "q1" } }] }] }), ["q2", "q3"]), "$and/$or/$regex/$gt answer wrongly");
    expect(same(await ids({ "x.id": { $exists: true } }), ["q3"]), "$exists answers wrongly");
  },
  "sort by array field": async (c) => {
    // MongoDB sorts ascending on an array by its smallest element: the outbox relay relies on it.
    await c.insertMany([{ _id: "a1", t: ["c", "d"] }, { _id: "a2", t: ["b", "e"] }, { _id: "a3", t: ["a"] }]);
    expect(same((await c.find().sort({ t: 1 }).toArray()).map((d) => d._id), ["a3", "a2", "a1"]), "not sorted by each array's smallest element");
  },
  estimatedDocumentCount: async (c) => {
    await c.insertMany([{ _id: "e1" }, { _id: "e2" }]);
    expect((await c.estimatedDocumentCount()) === 2, "the count is not 2");
  },
  explain: async (c) => void (await c.find({ a: 1 }).explain()),
  listCollections: async (c) => {
    await c.insertOne({ _id: "l" });
    const names = (await c.db.listCollections({}, { nameOnly: true }).toArray()).map((x) => x.name);
    expect(names.includes(c.collectionName), "the collection is not listed");
  },
  drop: async (c) => {
    await c.insertOne({ _id: "d" });
    await c.drop();
    expect((await c.countDocuments()) === 0, "documents survive the drop");
  },
  dropDatabase: async (c) => {
    const db = c.db.client.db(`${c.db.databaseName}_drop`);
    await db.collection("x").insertOne({});
    await db.dropDatabase();
    expect((await db.collection("x").countDocuments()) === 0, "documents survive dropDatabase");
  },
} satisfies Record<string, (c: Collection<Scratch>) => Promise<void>>;

/** Scratch documents use string ids, like Bazaar's. */
type Scratch = { _id: string } & Document;
/** The driver types array operators only on declared array fields. */
interface Listed {
  _id: string;
  list: unknown[];
}
const listed = (c: Collection<Scratch>) => c.db.collection<Listed>(c.collectionName);

export type Capability = keyof typeof CHECKS;
export const CAPABILITIES = Object.keys(CHECKS) as Capability[];

/** Capability → why it is missing (the server's own words, or the behaviour that differed). Empty: all there. */
export type MissingCapabilities = Partial<Record<Capability, string>>;

export async function probeCapabilities(db: Db): Promise<MissingCapabilities> {
  const missing: MissingCapabilities = {};
  for (const capability of CAPABILITIES) {
    try {
      // A collection each, so one check's index or documents never disturb another's.
      await CHECKS[capability](db.collection<Scratch>(`probe_${CAPABILITIES.indexOf(capability)}`));
    } catch (error) {
      missing[capability] = (error instanceof Error ? error.message : String(error)).split("\n")[0]!.slice(0, 120);
    }
  }
  return missing;
}

function expect(ok: boolean, otherwise: string): asserts ok {
  if (!ok) throw new Error(otherwise);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
