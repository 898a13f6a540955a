import { expect, it } from "vitest";
import { startApi, startInProcessWorker } from "../../support/notificationsKit.js";
import { describePipeline } from "../../support/pipelineSuite.js";
import { waitFor } from "../../support/smtpSink.js";

const json = { "content-type": "application/json" };
const post = (url: string, body: unknown) => fetch(url, { method: "POST", headers: json, body: JSON.stringify(body) });
const tokenIn = (text: string, path: string) => new RegExp(`${path}\\?token=([\\w-]+)`).exec(text)?.[1] ?? null;

await describePipeline("Password reset with the worker down (real Redis, real SMTP)", (pipeline) => {
  it("a reset asked for while no worker runs is delivered exactly once when one comes back, and its link works", async () => {
    const prefix = pipeline().freshPrefix("reset-worker-down");
    const sink = pipeline().sink;
    const api = await startApi(pipeline().env(prefix));
    const email = `reset-down-${Date.now()}@example.com`;
    try {
      expect((await post(`${api.url}/signup`, { email, password: "a long enough passphrase", firstName: "Down" })).status).toBe(201);
      expect((await post(`${api.url}/password/forgot`, { email })).status).toBe(202);
      expect((await post(`${api.url}/password/forgot`, { email: `nobody-${Date.now()}@example.com` })).status).toBe(202);
      await new Promise((r) => setTimeout(r, 300));
      expect(sink.to(email)).toHaveLength(0);

      const worker = await startInProcessWorker(pipeline().env(prefix, { WORKER_NAME: "late" }));
      try {
        const resets = () => sink.to(email).filter((m) => m.subject === "Reset your Bazaar password");
        expect(await waitFor(async () => resets().length === 1 && sink.to(email).length === 2, 10_000)).toBe(true);
        await new Promise((r) => setTimeout(r, 300));
        expect(resets()).toHaveLength(1);
        const token = tokenIn(resets()[0]!.text, "/password/reset");
        expect(token).not.toBeNull();
        // The token lives in Redis: the API (another runtime than the worker that issued it) accepts it.
        expect((await post(`${api.url}/password/reset`, { token, newPassword: "back again passphrase 7" })).status).toBe(200);
        expect((await post(`${api.url}/login`, { email, password: "back again passphrase 7" })).status).toBe(200);
      } finally {
        await worker.stop();
      }
    } finally {
      await api.stop();
    }
  });
});
