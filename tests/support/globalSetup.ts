import type { TestProject } from "vitest/node";
import { probeMongo, type MongoProbe } from "./mongoProbe.js";

declare module "vitest" {
  export interface ProvidedContext {
    mongo: MongoProbe;
  }
}

/** Decides once per run which MongoDB the tests use (starting one if it can) and what that server cannot do. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const { stop, ...mongo } = await probeMongo();
  project.provide("mongo", mongo);
  const gaps = Object.entries(mongo.missing).map(([capability, why]) => `    - no ${capability}: ${why}`);
  console.log(
    mongo.uri
      ? [`MongoDB tests: running against ${mongo.server} (found and probed in ${Date.now() - started} ms)`, gaps.length ? `  missing capabilities (tests needing them are skipped):\n${gaps.join("\n")}` : "  every probed capability is there"].join("\n")
      : `MongoDB tests: skipped (${mongo.reason})`,
  );
  return async () => stop?.();
}
