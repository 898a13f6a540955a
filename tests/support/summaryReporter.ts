import type { Reporter, SerializedError, TestModule } from "vitest/node";

/**
 * Ends the run with one plain line CI can read ("tests: N passed, N failed, N skipped"),
 * preceded by every skipped test's name: skipped tests carry their reason in their name.
 * A file that failed outside its tests (a beforeAll that threw, an import error) and an unhandled error each count
 * as one failure, and the tests such a file never ran are not reported as skipped: a red run never reads "0 failed".
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError> = []): void {
    const counts = { passed: 0, failed: unhandledErrors.length, skipped: 0 };
    const skipped: string[] = [];
    for (const module of modules) {
      const tests = [...module.children.allTests()];
      const failedTests = tests.filter((t) => t.result().state === "failed").length;
      const brokenFile = module.state() === "failed" && failedTests === 0;
      if (brokenFile) counts.failed++;
      for (const test of tests) {
        const state = test.result().state;
        if (state === "passed") counts.passed++;
        else if (state === "failed") counts.failed++;
        else if (!brokenFile) {
          counts.skipped++;
          skipped.push(test.fullName);
        }
      }
    }
    const out = process.stdout;
    if (skipped.length > 0) {
      // Grouped by top-level suite, whose name states the reason ("MongoDB (skipped: ...)").
      const bySuite = new Map<string, number>();
      for (const name of skipped) {
        const suite = name.split(" > ")[0]!;
        bySuite.set(suite, (bySuite.get(suite) ?? 0) + 1);
      }
      out.write(`\nSkipped tests (${skipped.length}):\n`);
      for (const [suite, n] of bySuite) out.write(`  - ${n} in "${suite}"\n`);
    }
    out.write(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}
