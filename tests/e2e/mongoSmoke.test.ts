import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, inject } from "vitest";
import { ApiProcess } from "../support/apiProcess.js";
import { TEST_SECRET } from "../support/accountsKit.js";
import { itNeedsOn } from "../support/mongo.js";
import { TestClient } from "../support/testServer.js";

/**
 * The whole app, as `MONGODB_URI=… npm start` runs it, against the MongoDB the test setup found (a real mongod, a
 * Testcontainers mongo:7 or the jongodb emulator): signup, login, profile, catalog pages, a restart, and the data
 * still there. Each step names the server capabilities it uses, so a step the server cannot do is skipped saying
 * which, never passed by accident; startup itself creates the indexes (unique email, sparse outbox).
 */
const mongo = inject("mongo");
const it = itNeedsOn(mongo, ["unique index", "sparse index"]);
const PRODUCTS = 12;
const UPSERT = ["bulk upsert", "$set", "$setOnInsert"] as const;

describe.skipIf(!mongo.uri)(mongo.uri ? "the app on MongoDB over the wire" : `the app on MongoDB over the wire (skipped: ${mongo.reason})`, () => {
  let dir: string;
  let env: Record<string, string>;
  let api: ApiProcess;
  let url: string;
  const ada = { email: `ada-${process.pid}@example.com`, password: "analytical engine 1843", firstName: "Ada" };
  let productIds: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "bazaar-mongo-smoke-"));
    env = {
      NODE_ENV: "test",
      JWT_SECRET: TEST_SECRET,
      BCRYPT_COST: "4",
      MONGODB_URI: mongo.uri!,
      // A database of its own: never one that has to be emptied first (the emulator cannot drop one).
      MONGODB_DB: `bazaar_smoke_${process.pid}_${Date.now().toString(36)}`,
      MAIL_DIR: join(dir, "mail"),
      CATALOG_DATA_DIR: join(dir, "catalog"),
      CATALOG_SEED_ON_START: "true",
      DATASET_PRODUCTS: String(PRODUCTS),
      DATASET_IMAGE_SIZE: "32",
      OUTBOX_POLL_MS: "100",
      // The notice is an event stored with the user ($set + $push, which the emulator lacks); its own tests cover it.
      NEW_SIGN_IN_NOTICE: "false",
    };
    ({ api, url } = await ApiProcess.start(env));
  });

  afterAll(async () => {
    api?.kill();
    if (mongo.uri && !mongo.missing.dropDatabase) {
      const client = await MongoClient.connect(mongo.uri);
      await client.db(env.MONGODB_DB).dropDatabase();
      await client.close();
    }
    await rm(dir, { recursive: true, force: true });
  });

  it([...UPSERT, "query operators", "estimatedDocumentCount"], "seeds the catalog on first start and pages through it: every product once, in every sort, and each by slug", async () => {
    await api.waitForLine(/catalog seeded/u);
    const client = new TestClient(url);
    for (const sort of ["newest", "price_asc", "price_desc", "name"]) {
      const seen: string[] = [];
      let cursor = "";
      do {
        const page = await client.get(`/products?limit=5&sort=${sort}${cursor ? `&cursor=${cursor}` : ""}`);
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((p: { id: string }) => p.id));
        cursor = page.body.nextCursor ?? "";
      } while (cursor);
      expect(new Set(seen).size).toBe(PRODUCTS);
      expect(seen).toHaveLength(PRODUCTS);
      productIds = seen;
    }
    const first = (await client.get("/products?limit=1")).body.items[0];
    expect((await client.get(`/products/${first.slug}`)).body.id).toBe(first.id);
    expect((await client.get(`/products?category=${encodeURIComponent(first.category)}&limit=100`)).body.items.map((p: { id: string }) => p.id)).toContain(first.id);
  });

  it([], "signs up, logs in and shows the profile; a second signup with the same email is a 409", async () => {
    const client = new TestClient(url);
    expect((await client.post("/signup", { json: ada })).status).toBe(201);
    expect((await client.post("/signup", { json: ada })).body.error.code).toBe("EMAIL_TAKEN");
    const login = await client.post("/login", { json: { email: ada.email, password: ada.password } });
    expect(login.status).toBe(200);
    const profile = await client.get("/profile/view");
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ email: ada.email, firstName: "Ada" });
  });

  it(["$set", "$push"], "stores a profile edit", async () => {
    const client = await loggedIn();
    expect((await client.patch("/profile/edit", { json: { about: "Poetical science", skills: ["math"] } })).status).toBe(200);
    expect((await (await loggedIn()).get("/profile/view")).body).toMatchObject({ about: "Poetical science", skills: ["math"] });
  });

  it([], "after a restart: login works, the profile and every product are still there, and the catalog is not seeded again", async () => {
    expect(await api.stop()).toBe(0);
    ({ api, url } = await ApiProcess.start(env));
    await api.waitForLine(/catalog: \d+ products/u);
    expect(api.output).not.toMatch(/seeding/u);
    const client = await loggedIn();
    expect((await client.get("/profile/view")).body).toMatchObject({ email: ada.email, firstName: "Ada" });
    const listed = (await client.get("/products?limit=100&sort=name")).body.items.map((p: { id: string }) => p.id);
    expect(listed.sort()).toEqual([...productIds].sort());
  });

  it(["$pull"], "sends exactly one welcome email for the signup, even across the restart (the outbox is drained once sent)", async () => {
    // The relay polls every 100 ms and runs at startup: a message left in the outbox would have gone out again by now.
    await api.waitForLine(/Bazaar listening/u);
    await new Promise((r) => setTimeout(r, 1_000));
    const files = (await readdir(env.MAIL_DIR!)).filter((f) => f.includes("welcome"));
    const toAda = [];
    for (const f of files) if ((await readFile(join(env.MAIL_DIR!, f), "utf8")).includes(ada.email)) toAda.push(f);
    expect(toAda).toHaveLength(1);
  });

  async function loggedIn(): Promise<TestClient> {
    const client = new TestClient(url);
    const login = await client.post("/login", { json: { email: ada.email, password: ada.password } });
    expect(login.status).toBe(200);
    return client;
  }
});
