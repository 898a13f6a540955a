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
  },
});

const fake = await startFakeCloudinary({
  port: Number(values.port),
  latencyMs: Number(values.latency),
  faults: { rate429: Number(values["rate-429"]), rate500: Number(values["rate-500"]), drop: Number(values.drop) },
});
console.log(`Fake Cloudinary listening on ${fake.origin} (assets are kept in memory until it stops). Use:

  CLOUDINARY_URL=${fake.cloudinaryUrl} CLOUDINARY_UPLOAD_PREFIX=${fake.uploadPrefix} npm run import:products

Options: --port N --latency MS --rate-429 P --rate-500 P --drop P (P a probability, e.g. 0.05)`);

setInterval(() => {
  const created = [...fake.stats.created.values()];
  console.log(`requests=${fake.stats.requests} assets=${fake.assets.size} created-twice=${created.filter((n) => n > 1).length} statuses=${JSON.stringify(fake.stats.byStatus)} dropped=${fake.stats.dropped}`);
}, 5_000).unref();
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void fake.close().then(() => process.exit(0)));
