/** `npm run fake-cloudinary`: a Cloudinary-compatible upload endpoint on loopback, for trying the import without an account. */
import { parseArgs } from "node:util";
import { startFakeCloudinary } from "./fakeCloudinary.js";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "9444" },
    latency: { type: "string", default: "0" },
    "rate-429": { type: "string", default: "0" },
    "rate-500": { type: "string", default: "0" },
    drop: { type: "string", default: "0" },
    "retry-after": { type: "string" },
    mixed: { type: "string" },
  },
});

// --mixed P: realistic transient faults, P of uploads answered 500 or dropped (half each), plus a rate limit with
// Retry-After opened by one upload in 50/P, during which every upload gets 429: rate limits come in episodes.
const mixed = values.mixed === undefined ? undefined : Number(values.mixed);
const retryAfter = values["retry-after"] ?? (mixed !== undefined ? "1" : undefined);
const fake = await startFakeCloudinary({
  port: Number(values.port),
  latencyMs: Number(values.latency),
  faults:
    mixed !== undefined
      ? { rate429: mixed / 50, rate500: mixed / 2, drop: mixed / 2, retryAfterSeconds: Number(retryAfter) }
      : {
          rate429: Number(values["rate-429"]),
          rate500: Number(values["rate-500"]),
          drop: Number(values.drop),
          ...(retryAfter !== undefined ? { retryAfterSeconds: Number(retryAfter) } : {}),
        },
});
console.log(`Fake Cloudinary listening on ${fake.origin} (assets are kept in memory until it stops). Use:

  CLOUDINARY_URL=${fake.cloudinaryUrl} CLOUDINARY_UPLOAD_PREFIX=${fake.uploadPrefix} npm run import:products

Options: --port N --latency MS --rate-429 P --rate-500 P --drop P (P a probability, e.g. 0.05)
  --retry-after S   a 429 carries Retry-After: S and every upload is answered 429 for S seconds
  --mixed P         P of uploads answered 500 or dropped, and a rate limit (--retry-after, default 1 s) opened by one upload in 50/P`);

const statsLine = () => {
  const s = fake.stats;
  const created = [...s.created.values()];
  return (
    `requests=${s.requests} assets=${fake.assets.size} created-twice=${created.filter((n) => n > 1).length} statuses=${JSON.stringify(s.byStatus)} ` +
    `dropped=${s.dropped} rate-limit-windows=${s.rateLimitWindows} rate-limited-ms=${s.rateLimitedMs}`
  );
};
setInterval(() => console.log(statsLine()), 5_000).unref();
// The last line says what the run met, for whoever reads the output after stopping it (the bench does).
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void fake.close().then(() => (console.log(statsLine()), process.exit(0))));
