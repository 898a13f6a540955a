import { appendFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FileImportJournal } from "../../../src/infrastructure/files/FileImportJournal.js";

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
const image = (publicId: string) => ({ publicId, url: `https://x/${publicId}.jpg`, width: 4, height: 3, format: "jpg", bytes: 10 });

describe("FileImportJournal", () => {
  it("remembers what was recorded across instances, ignoring a line torn by a killed process", async () => {
    const dir = await mkdtemp(join(tmpdir(), "bazaar-journal-"));
    dirs.push(dir);
    const file = join(dir, "nested", "journal.jsonl");
    const first = new FileImportJournal(file);
    await Promise.all(Array.from({ length: 50 }, (_, i) => first.record(`p/${i}`, image(`bazaar/p/${i}`))));
    await first.close();
    await appendFile(file, '{"key":"p/torn","image":{"publ');

    const second = new FileImportJournal(file);
    expect((await second.load()).size).toBe(50);
    await second.record("p/after", image("bazaar/p/after"));
    await second.close();
    const entries = await new FileImportJournal(file).load();
    expect(entries.size).toBe(51);
    expect(entries.get("p/7")).toEqual(image("bazaar/p/7"));
    expect(entries.has("p/torn")).toBe(false);
  });

  it("an absent journal is empty", async () => {
    expect((await new FileImportJournal("/nonexistent/dir/journal.jsonl").load()).size).toBe(0);
  });
});
