export interface MediaFile {
  contentType: string;
  etag: string;
  modifiedAt: Date;
  /** The bytes, read (and for a width, resized on first use) only when asked: a client that has them already is answered from the etag. */
  bytes(): Promise<Uint8Array>;
}

/** Widths a locally stored image may be resized to; anything else is refused so clients cannot fill the disk. */
export const MEDIA_WIDTHS = [160, 320] as const;
export type MediaWidth = (typeof MEDIA_WIDTHS)[number];

/** Images kept on local disk (the embedded default), read back for serving over HTTP. */
export interface MediaFiles {
  /** Null when there is no such file, or the path is not one this store would ever have written. */
  find(path: string, width?: MediaWidth): Promise<MediaFile | null>;
}
