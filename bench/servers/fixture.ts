/** What the harness hands the comparison servers: the same user (and catalog page) Bazaar serves, and its JWT settings. */
export interface Fixture {
  user: { id: string; [field: string]: unknown };
  sessionVersion: number;
  /** The first page of GET /products as Bazaar serves it (null when this build has no catalog). */
  productPage: { items: unknown[]; nextCursor: string | null } | null;
  jwt: { secret: string; issuer: string; audience: string };
  cookieName: string;
}

export function readFixture(): Fixture {
  return JSON.parse(process.env.BENCH_FIXTURE ?? "null") as Fixture;
}

export function port(): number {
  return Number(process.env.PORT);
}

// Exit normally on SIGTERM, so `--cpu-prof` gets to write its profile.
process.on("SIGTERM", () => process.exit(0));
