import { mkdir, open, readFile, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import type { StoredImage } from "../../application/ports/ImageStorage.js";
import type { ImportJournal } from "../../application/ports/ImportJournal.js";

/**
 * One JSON line per stored image, appended as each upload completes. A process killed mid-write leaves
 * at most one torn last line, which is ignored: that image is simply asked for again (and found existing).
 */
export class FileImportJournal implements ImportJournal {
  #handle: Promise<FileHandle> | null = null;

  constructor(private readonly file: string) {}

  async load(): Promise<Map<string, StoredImage>> {
    const text = await readFile(this.file, "utf8").catch(() => "");
    const entries = new Map<string, StoredImage>();
    for (const line of text.split("\n")) {
      if (!line) continue;
      try {
        const { key, image } = JSON.parse(line) as { key: string; image: StoredImage };
        entries.set(key, image);
      } catch {
        // a torn line from an interrupted run
      }
    }
    return entries;
  }

  async record(key: string, image: StoredImage): Promise<void> {
    this.#handle ??= mkdir(dirname(this.file), { recursive: true }).then(() => open(this.file, "a"));
    // One write per entry on an O_APPEND descriptor, so concurrent records never interleave; the leading newline
    // closes a line torn by an earlier killed run, which would otherwise swallow this entry.
    await (await this.#handle).write(`\n${JSON.stringify({ key, image })}\n`);
  }

  async close(): Promise<void> {
    const handle = this.#handle;
    this.#handle = null;
    if (handle) await (await handle).close();
  }
}
