export interface MultipartForm {
  fields: Record<string, string>;
  file: { filename: string; data: Buffer } | null;
}

/** Just enough multipart/form-data for Cloudinary's upload API: text fields and one `file` part. */
export function parseMultipart(body: Buffer, contentType: string): MultipartForm {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/u.exec(contentType);
  if (!boundary) throw new Error("no multipart boundary");
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const form: MultipartForm = { fields: {}, file: null };
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const partStart = start + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, partStart);
    if (next < 0) throw new Error("unterminated multipart body");
    const part = body.subarray(partStart + 2, next - 2);
    const split = part.indexOf("\r\n\r\n");
    const headers = part.subarray(0, split).toString("utf8");
    const content = part.subarray(split + 4);
    const name = /name="([^"]*)"/u.exec(headers)?.[1];
    const filename = /filename="([^"]*)"/u.exec(headers)?.[1];
    if (name === "file" && filename !== undefined) form.file = { filename, data: Buffer.from(content) };
    else if (name) form.fields[name] = content.toString("utf8");
    start = next;
  }
  return form;
}
