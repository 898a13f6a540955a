import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runSessionsCli } from "../../../../src/interfaces/cli/sessionsCli.js";
import { accountsKit, ada } from "../../../support/accountsKit.js";

function run(kit: ReturnType<typeof accountsKit>, argv: string[]) {
  const out = new PassThrough();
  const err = new PassThrough();
  let closed = false;
  let opened = false;
  const text = (s: PassThrough) => (s.read() as Buffer | null)?.toString() ?? "";
  return runSessionsCli(argv, {
    open: async () => {
      opened = true;
      return { listSessions: kit.listSessions, revokeSessions: kit.revokeSessions, close: async () => void (closed = true) };
    },
    out,
    err,
  }).then((code) => ({ code, out: text(out), err: text(err), opened, closed }));
}

describe("sessions CLI", () => {
  it("list prints one JSON line per live session, without tokens or a current flag", async () => {
    const kit = accountsKit();
    await kit.registerUser.execute(ada);
    const { session } = await kit.login.execute({ ...ada, userAgent: "Firefox", ip: "203.0.113.7" });
    await kit.login.execute({ ...ada, userAgent: "Safari", ip: "198.51.100.4" });
    const result = await run(kit, ["list", "ada@example.com"]);
    expect(result.code).toBe(0);
    const lines = result.out.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.userAgent).sort()).toEqual(["Firefox", "Safari"]);
    expect(Object.keys(lines[0]!).sort()).toEqual(["createdAt", "expiresAt", "id", "ip", "lastSeenAt", "userAgent"]);
    expect(result.out).not.toContain(session.token.split(".")[2]);
    expect(result.err).toBe("2 live session(s)\n");
    expect(result.closed).toBe(true);
  });

  it("revoke-all ends every session of the account", async () => {
    const kit = accountsKit();
    await kit.registerUser.execute(ada);
    const { session } = await kit.login.execute(ada);
    await kit.login.execute(ada);
    const result = await run(kit, ["revoke-all", "ADA@example.com"]);
    expect(result).toMatchObject({ code: 0, out: "ended 2 session(s)\n" });
    await expect(kit.authenticate.execute({ token: session.token })).rejects.toThrow("Session has ended");
  });

  it("says so for an unknown account, with exit code 1", async () => {
    const result = await run(accountsKit(), ["list", "nobody@example.com"]);
    expect(result).toMatchObject({ code: 1, out: "", err: "no account with that email\n", closed: true });
  });

  it.each([[[]], [["list"]], [["drop", "ada@example.com"]], [["list", "a@example.com", "extra"]]])("prints usage for %j with exit code 64, connecting to nothing", async (argv) => {
    const result = await run(accountsKit(), argv);
    expect(result).toMatchObject({ code: 64, opened: false });
    expect(result.err).toMatch(/^usage: npm run sessions -- list\|revoke-all <email>/);
  });
});
