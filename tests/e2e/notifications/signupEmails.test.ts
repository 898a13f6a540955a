import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, describe, expect, it } from "vitest";
import { eventsEnv, signUp, startApi, startInProcessWorker } from "../../support/notificationsKit.js";
import { TestClient } from "../../support/testServer.js";
import { describePipeline } from "../../support/pipelineSuite.js";
import { waitFor } from "../../support/smtpSink.js";

const hostileName = `<script>alert("pwned")</script> & Co`;

describe("Embedded default: the welcome email is an .eml file in MAIL_DIR", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "bazaar-mail-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes one readable message per signup, with the name escaped in the HTML part", async () => {
    const api = await startApi(eventsEnv({ MAIL_DIR: dir, NOTIFICATIONS_IN_PROCESS: "true" }));
    try {
      expect(await signUp(api.url, "eml@example.com", hostileName)).toBe(201);
      expect(await waitFor(() => readdirSync(dir).some((f) => f.endsWith(".eml")), 5_000)).toBe(true);
    } finally {
      await api.stop();
    }
    const files = readdirSync(dir).filter((f) => f.endsWith(".eml"));
    expect(files).toHaveLength(1);
    const mail = await simpleParser(readFileSync(path.join(dir, files[0]!)));
    expect(mail.subject).toBe("Welcome to Bazaar");
    expect(mail.text).toContain(`Hello ${hostileName},`);
    expect(mail.html).toContain("Hello &lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; Co,");
    expect(mail.html).not.toContain("<script");
  });
});

await describePipeline("Redis + SMTP: API and worker as separate runtimes", (pipeline) => {
  it("signup through HTTP sends one welcome email to the right recipient, name escaped; the first login a new-sign-in notice; a password change a security notice", async () => {
    const { sink, freshPrefix, env: pipelineEnv } = pipeline();
    const env = pipelineEnv(freshPrefix("signup-email"));
    const api = await startApi(env);
    const worker = await startInProcessWorker(env);
    try {
      const client = new TestClient(api.url);
      const email = `ada-${Date.now()}@example.com`;
      const signup = await client.post("/signup", { json: { email, password: "analytical engine 1843", firstName: hostileName } });
      expect(signup.status).toBe(201);
      expect(await waitFor(() => sink.to(email).length === 1)).toBe(true);
      const [welcome] = sink.to(email);
      expect(welcome).toMatchObject({ to: email, subject: "Welcome to Bazaar" });
      expect(welcome!.html).toContain("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; Co");
      expect(welcome!.html).not.toContain("<script");
      expect(welcome!.text).toContain(hostileName);

      expect((await client.post("/login", { json: { email, password: "analytical engine 1843" } })).status).toBe(200);
      const change = await client.patch("/profile/changePassword", { json: { oldPassword: "analytical engine 1843", newPassword: "difference engine 1822" } });
      expect(change.status).toBe(200);
      expect(await waitFor(() => sink.to(email).length === 3)).toBe(true);
      // Two channels, two consumers: the order between them is not promised.
      expect(sink.to(email).slice(1).map((m) => m.subject).sort()).toEqual(["New sign-in to your Bazaar account", "Your Bazaar password was changed"]);
      await new Promise((r) => setTimeout(r, 300));
      expect(sink.to(email)).toHaveLength(3);
    } finally {
      await worker.stop();
      await api.stop();
    }
  });
});
