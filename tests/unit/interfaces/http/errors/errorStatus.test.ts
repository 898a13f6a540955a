import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { STATUS_BY_CODE } from "../../../../../src/interfaces/http/errors/errorStatus.js";

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".ts")).map((e) => join(e.parentPath, e.name));
}

describe("the error table", () => {
  // The compiler checks the modules listed in errorStatus.ts; this catches an error class in a module not listed there.
  it("has a status for every error code declared anywhere in domain and application", async () => {
    const codes = new Set<string>();
    for (const file of [...(await sourceFiles("src/domain")), ...(await sourceFiles("src/application"))]) {
      for (const match of (await readFile(file, "utf8")).matchAll(/readonly code = "([A-Z_]+)"/gu)) codes.add(match[1]!);
    }
    expect(codes.size).toBeGreaterThan(10);
    expect([...codes].filter((code) => !Object.hasOwn(STATUS_BY_CODE, code))).toEqual([]);
  });
});
