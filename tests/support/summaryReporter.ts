import type { Reporter, SerializedError, TestCase, TestModule } from "vitest/node";
import type { MongoTestMeta } from "./mongo.js";

/**
 * Ends the run with one plain line CI can read ("tests: N passed, N failed, N skipped"), preceded by every skipped
 * test's suite (skipped tests carry their reason in their name) and by what ran over the wire against MongoDB:
 * how many tests ran, and which were skipped for which capability the server lacks.
 * A file that failed outside its tests (a beforeAll that threw, an import error) and an unhandled error each count
 * as one failure, and the tests such a file never ran are not reported as skipped: a red run never reads "0 failed".
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError> = []): void {
    const counts = { passed: 0, failed: unhandledErrors.length, skipped: 0 };
    const skipped: string[] = [];
    const mongo: TestCase[] = [];
    for (const module of modules) {
      const tests = [...module.children.allTests()];
      const brokenFile = module.state() === "failed" && !tests.some((t) => t.result().state === "failed");
      if (brokenFile) counts.failed++;
      for (const test of tests) {
        const state = test.result().state;
        if (state === "passed") counts.passed++;
        else if (state === "failed") counts.failed++;
        else if (brokenFile) continue;
        else counts.skipped++;
        if (mongoMeta(test)) mongo.push(test);
        else if (state !== "passed" && state !== "failed") skipped.push(test.fullName);
      }
    }
    const out = process.stdout;
    if (skipped.length > 0) {
      // Grouped by top-level suite, whose name states the reason ("… (skipped: ...)").
      const bySuite = new Map<string, number>();
      for (const name of skipped) {
        const suite = name.split(" > ")[0]!;
        bySuite.set(suite, (bySuite.get(suite) ?? 0) + 1);
      }
      out.write(`\nSkipped tests (${skipped.length}, not counting MongoDB's below):\n`);
      for (const [suite, n] of bySuite) out.write(`  - ${n} in "${suite}"\n`);
    }
    if (mongo.length > 0) out.write(mongoSummary(mongo));
    out.write(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}

const mongoMeta = (test: TestCase): MongoTestMeta | undefined => test.meta().mongo;

function mongoSummary(tests: TestCase[]): string {
  const ran = tests.filter((t) => ["passed", "failed"].includes(t.result().state));
  const failed = ran.filter((t) => t.result().state === "failed").length;
  const servers = [...new Set(tests.map((t) => mongoMeta(t)!.server).filter(Boolean))];
  const byGap = new Map<string, string[]>();
  for (const test of tests.filter((t) => !ran.includes(t))) {
    const { lacking, reason } = mongoMeta(test)!;
    const gap = lacking.length ? `no ${lacking.join(", no ")}` : `no MongoDB server: ${reason}`;
    // The reason is in the name already (so a plain reporter shows it too); here it heads the group instead.
    const name = test.fullName.replace(/ \(skipped on .*\)$/u, "").replaceAll(` (skipped: ${reason})`, "");
    byGap.set(gap, [...(byGap.get(gap) ?? []), name]);
  }
  const lines = [
    `\nMongoDB over the wire${servers.length ? `, against ${servers.join(", ")}` : ""}: ${ran.length} ran (${ran.length - failed} passed, ${failed} failed), ${tests.length - ran.length} skipped`,
  ];
  for (const [gap, names] of byGap) {
    lines.push(`  skipped, ${gap} (${names.length}):`, ...names.map((n) => `    - ${n}`));
  }
  return `${lines.join("\n")}\n`;
}
