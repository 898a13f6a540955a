import type { StoredImage } from "./ImageStorage.js";

/** What earlier runs already stored, so an interrupted import resumes without asking the storage again. */
export interface ImportJournal {
  load(): Promise<Map<string, StoredImage>>;
  /** Durable once it resolves: a process killed afterwards still finds the entry. */
  record(publicId: string, image: StoredImage): Promise<void>;
  close(): Promise<void>;
}
