import type { StoredImage } from "../../application/ports/ImageStorage.js";
import type { ImportJournal } from "../../application/ports/ImportJournal.js";

export class InMemoryImportJournal implements ImportJournal {
  readonly entries = new Map<string, StoredImage>();

  async load(): Promise<Map<string, StoredImage>> {
    return new Map(this.entries);
  }

  async record(key: string, image: StoredImage): Promise<void> {
    this.entries.set(key, image);
  }

  async close(): Promise<void> {}
}
