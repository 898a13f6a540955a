import { MongoClient } from "mongodb";
import { startJongodb } from "./jongodb.js";
import { probeCapabilities, type MissingCapabilities } from "./mongoCapabilities.js";

/** What globalSetup hands every test file (vitest `provide`): the server, or why there is none, and its gaps. */
export interface MongoProbe {
  uri: string | null;
  /** Why there is no server; empty when there is one. */
  reason: string;
  /** Which server, as skip messages and the summary name it: "the jongodb 0.1.6 emulator", "mongo:7 in Testcontainers". */
  server: string;
  missing: MissingCapabilities;
}

interface ProbeResult extends MongoProbe {
  stop?: () => Promise<void>;
}

/** MONGODB_URI overrides; then a Testcontainers mongo:7 where a container runtime exists; then the emulator. */
export async function probeMongo(): Promise<ProbeResult> {
  const found = await findServer();
  if ("reason" in found) return { uri: null, reason: found.reason, server: "", missing: {} };
  try {
    const { server, missing } = await inspect(found.uri, found.label);
    return { uri: found.uri, reason: "", server, missing, stop: found.stop };
  } catch (error) {
    await found.stop?.();
    throw error;
  }
}

interface Found {
  uri: string;
  label: string;
  stop?: () => Promise<void>;
}

async function findServer(): Promise<Found | { reason: string }> {
  if (process.env.MONGODB_URI) return { uri: process.env.MONGODB_URI, label: "MONGODB_URI" };
  const { getContainerRuntimeClient } = await import("testcontainers");
  const runtime = await getContainerRuntimeClient().then(() => true, () => false);
  if (runtime) {
    const { MongoDBContainer } = await import("@testcontainers/mongodb");
    const container = await new MongoDBContainer("mongo:7").start();
    return { uri: `${container.getConnectionString()}?directConnection=true`, label: "mongo:7 in Testcontainers", stop: async () => void (await container.stop()) };
  }
  const emulator = await startJongodb();
  if ("reason" in emulator) return { reason: `MONGODB_URI is not set, Testcontainers found no container runtime, and ${emulator.reason}` };
  return emulator;
}

/** The server's version and its missing capabilities, tried once on a scratch database. */
async function inspect(uri: string, label: string): Promise<{ server: string; missing: MissingCapabilities }> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
  try {
    await client.connect();
    const version = await client.db("admin").command({ buildInfo: 1 }).then((info) => String(info.version), () => "?");
    const db = client.db(`bazaar_probe_${process.pid}_${Date.now()}`);
    const missing = await probeCapabilities(db);
    if (!missing.dropDatabase) await db.dropDatabase();
    return { server: label === "MONGODB_URI" ? `MongoDB ${version} at MONGODB_URI` : label, missing };
  } finally {
    await client.close();
  }
}
