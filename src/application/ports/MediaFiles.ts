export interface MediaFile {
  data: Uint8Array;
  contentType: string;
  etag: string;
  modifiedAt: Date;
}

/** Widths a locally stored image may be resized to; anything else is refused so clients cannot fill the disk. */
export const MEDIA_WIDTHS = [160, 320] as const;
export type MediaWidth = (typeof MEDIA_WIDTHS)[number];

/** Images kept on local disk (the embedded default), read back for serving over HTTP. */
export interface MediaFiles {
  /** Null when there is no such file, or the path is not one this store would ever have written. */
  read(path: string, width?: MediaWidth): Promise<MediaFile | null>;
}
