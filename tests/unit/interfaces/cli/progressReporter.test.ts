import { describe, expect, it } from "vitest";
import { emptySummary, finishSummary } from "../../../../src/application/catalog/ImportProducts/ImportSummary.js";
import { formatSummary } from "../../../../src/interfaces/cli/importProductsCli.js";
import { progressReporter } from "../../../../src/interfaces/cli/progressReporter.js";

/** What a pipe (not a terminal) receives. */
function pipe() {
  const lines: string[] = [];
  const out = { isTTY: false, write: (text: string) => (lines.push(...text.split("\n").filter(Boolean)), true) } as unknown as NodeJS.WriteStream;
  return { out, lines };
}

describe("import progress on a pipe", () => {
  it("says at once that the import is paused and why, counts the pause down in its lines, and says when it resumes", () => {
    const { out, lines } = pipe();
    const progress = progressReporter(out, 60_000);
    progress.start(10);
    progress.advance("uploaded");
    progress.paused(7, "rate limited by Cloudinary");
    expect(lines).toEqual(["paused (rate limited by Cloudinary) for 7 s"]);
    progress.paused(9, "rate limited by Cloudinary");
    expect(lines).toHaveLength(1);
    progress.stop();
    expect(lines.at(-1)).toMatch(/^images 1\/10 \(10%\) .* uploaded=1 skipped=0 failed=0 paused \(rate limited by Cloudinary\) for (9|8) s$/u);
    progress.resumed();
    expect(lines.at(-1)).toBe("resumed");
  });
});

describe("import summary", () => {
  it("reports retries by cause and the time paused for rate limits", () => {
    const s = finishSummary(
      emptySummary(false, 2, 10),
      { retries: { "rate-limit": 3, "server-error": 2, timeout: 1, connection: 4 }, pausedMs: 12_345, pauses: 2 },
      5_000,
    );
    const text = formatSummary(s);
    expect(text).toContain("10 retried attempts");
    expect(text).toContain("retries:  rate limit (420/429) 3, 5xx 2, timeout 1, reset/dropped 4");
    expect(text).toContain("paused:   12.3 s for rate limits (2 pauses)");
  });
});
