import type { TestProject } from "vitest/node";
import { probeMongo, type MongoProbe } from "./mongoProbe.js";

declare module "vitest" {
  export interface ProvidedContext {
    mongo: MongoProbe;
  }
}

/** Decides once per run whether MongoDB tests can run, and starts a container for them if Docker exists. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mongo = await probeMongo();
  project.provide("mongo", { uri: mongo.uri, reason: mongo.reason });
  console.log(mongo.uri ? `MongoDB tests: running against ${mongo.label}` : `MongoDB tests: skipped (${mongo.reason})`);
  return async () => mongo.stop?.();
}
