import { once } from "node:events";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, loggedInClient, signupBody, startTestServer } from "../support/testServer.js";
import { sampleValue, scrape } from "../support/prometheusText.js";

const API_FAMILIES = {
  process_cpu_user_seconds_total: "counter",
  nodejs_eventloop_lag_seconds: "gauge",
  bazaar_http_request_duration_seconds: "histogram",
  bazaar_http_requests_in_flight: "gauge",
  bazaar_outbox_backlog: "gauge",
  bazaar_outbox_relay_failures_total: "counter",
  bazaar_events_pending: "gauge",
  bazaar_events_lag: "gauge",
  bazaar_events_dead_letters: "gauge",
  bazaar_emails_total: "counter",
  bazaar_logins_total: "counter",
};

// Templates of every route the requests below reach, plus the fixed labels for what no route matched.
const KNOWN_ROUTES = new Set(["/signup", "/login", "/profile/view", "/products/:idOrSlug", "/products", "/healthz", "/openapi.json", "unmatched", "/media/*"]);

describe("GET /metrics on the API's METRICS_PORT (embedded default: in-process worker on the memory bus)", () => {
  let api: TestServer;
  let metricsUrl: string;

  beforeAll(async () => {
    api = await startTestServer({ METRICS_PORT: "0", RATE_LIMITS_ENABLED: "true", RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_IP: "2", CATALOG_SEED_ON_START: "false" });
    metricsUrl = api.server.metricsUrl!;
  });
  afterAll(() => api?.stop());

  it("is not served by the public listener, nor listed in its OpenAPI document", async () => {
    const client = api.client();
    expect((await client.get("/metrics")).status).toBe(404);
    const doc = (await client.get("/openapi.json")).body as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((p) => p.includes("metrics"))).toEqual([]);
    expect(new URL(metricsUrl).port).not.toBe(new URL(api.url).port);
  });

  it("answers in the Prometheus text format with every family, labelled by route template and never by raw path", async () => {
    const unmatched = { route: "unmatched", method: "GET", status_class: "4xx" };
    const unmatchedBefore = sampleValue((await scrape(metricsUrl)).samples, "bazaar_http_request_duration_seconds_count", unmatched) ?? 0;
    const { client, credentials } = await loggedInClient(api);
    await client.get("/profile/view");
    const anon = api.client();
    for (const id of ["1f0c2d7e-aaaa-4bbb-8ccc-000000000001", "sku-0042", "another-slug"]) await anon.get(`/products/${id}`);
    await anon.get("/no/such/path/12345");
    await anon.get("/healthz");
    // Two wrong passwords use up the per-account-and-IP budget of 2; the third attempt is refused before bcrypt.
    for (let i = 0; i < 3; i++) await anon.post("/login", { json: { email: credentials.email, password: "not the password at all" } });
    // The in-process worker sends the welcome email asynchronously.
    await waitFor(async () => sampleValue((await scrape(metricsUrl)).samples, "bazaar_emails_total", { event: "user:signup", outcome: "sent" }) === 1);

    const m = await scrape(metricsUrl);
    expect(m.status).toBe(200);
    expect(m.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const [name, kind] of Object.entries(API_FAMILIES)) expect(m.families.get(name), name).toBe(kind);

    const requests = m.samples.filter((s) => s.name === "bazaar_http_request_duration_seconds_count");
    const routes = new Set(requests.map((s) => s.labels.route!));
    for (const route of routes) expect(KNOWN_ROUTES, `route label ${route}`).toContain(route);
    for (const s of requests) {
      expect(Object.keys(s.labels).sort()).toEqual(["method", "route", "status_class"]);
      expect(s.labels.status_class).toMatch(/^[1-5]xx$/);
    }
    expect(sampleValue(m.samples, "bazaar_http_request_duration_seconds_count", { route: "/products/:idOrSlug", method: "GET", status_class: "4xx" })).toBe(3);
    expect(sampleValue(m.samples, "bazaar_http_request_duration_seconds_count", unmatched)).toBe(unmatchedBefore + 1);
    expect(sampleValue(m.samples, "bazaar_http_request_duration_seconds_count", { route: "/profile/view", method: "GET", status_class: "2xx" })).toBe(1);
    expect(sampleValue(m.samples, "bazaar_http_request_duration_seconds_bucket", { route: "/signup", method: "POST", status_class: "2xx", le: "+Inf" })).toBe(1);

    expect(sampleValue(m.samples, "bazaar_logins_total", { outcome: "succeeded" })).toBe(1);
    expect(sampleValue(m.samples, "bazaar_logins_total", { outcome: "failed" })).toBe(2);
    expect(sampleValue(m.samples, "bazaar_logins_total", { outcome: "throttled" })).toBe(1);
    // The scrape itself is on another listener, so nothing is in flight on the API.
    expect(sampleValue(m.samples, "bazaar_http_requests_in_flight")).toBe(0);
    expect(sampleValue(m.samples, "bazaar_outbox_backlog")).toBe(0);
    expect(sampleValue(m.samples, "bazaar_outbox_relay_failures_total")).toBe(0);
    expect(sampleValue(m.samples, "bazaar_events_pending", { stream: "user:signup", group: "notifications" })).toBe(0);
    expect(sampleValue(m.samples, "bazaar_events_lag", { stream: "user:signup", group: "notifications" })).toBe(0);
    expect(sampleValue(m.samples, "bazaar_events_dead_letters", { stream: "user:password-changed", group: "notifications" })).toBe(0);
    for (const s of m.samples) for (const value of Object.values(s.labels)) expect(value).not.toMatch(/sku-0042|another-slug|12345|@example\.com/);
  });

  it("counts a request while it is in flight", async () => {
    // A body announced and not finished keeps the request in the app until the rest arrives.
    const { port } = new URL(api.url);
    const socket = connect(Number(port), "127.0.0.1");
    await once(socket, "connect");
    const body = JSON.stringify(signupBody());
    socket.write(`POST /signup HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`);
    await waitFor(async () => sampleValue((await scrape(metricsUrl)).samples, "bazaar_http_requests_in_flight") === 1);
    socket.write(body.slice(10));
    await once(socket, "data");
    socket.destroy();
    await waitFor(async () => sampleValue((await scrape(metricsUrl)).samples, "bazaar_http_requests_in_flight") === 0);
  });

  it("answers only GET /metrics", async () => {
    expect((await fetch(metricsUrl.replace("/metrics", "/"))).status).toBe(404);
    expect((await fetch(metricsUrl, { method: "POST" })).status).toBe(405);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}
