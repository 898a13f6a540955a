import { Writable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createLogger, unscrubbedChild, type Logger } from "../../../../src/infrastructure/logging/logger.js";

const SECRET = "hunter2-Crème-brûlée";

function capture(): { logger: Logger; lines: () => string } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger("trace", sink), lines: () => chunks.join("") };
}

/** Bytes reach JSON as `[104,117,...]`: read them back as text, so a scan cannot miss a secret spelled in numbers. */
function withDecodedBytes(text: string): string {
  const arrays = [...text.matchAll(/\[(\d{1,3}(?:,\d{1,3})+)\]/g)].map((m) => Buffer.from(m[1]!.split(",").map(Number)).toString("utf8"));
  return [text, ...arrays].join("\n");
}

describe("logger", () => {
  it("censors credentials at the top of a log object, one level down, and in children", () => {
    const { logger, lines } = capture();
    logger.info({ password: "hunter2-top", input: { newPassword: "hunter2-nested", token: "tok-nested" } }, "a");
    logger.child({ reqId: "r1" }).warn({ passwordHash: "$2b$12$abc", secret: "s3cr3t" }, "b");
    const all = lines();
    for (const secret of ["hunter2-top", "hunter2-nested", "tok-nested", "$2b$12$abc", "s3cr3t"]) expect(all).not.toContain(secret);
    expect(all.match(/\[redacted\]/g)).toHaveLength(5);
  });

  it("censors any key naming a credential, in any case and spelling, at any depth and inside arrays", () => {
    const { logger, lines } = capture();
    const keys = ["Authorization", "Proxy-Authorization", "cookie", "Set-Cookie", "x-api-key", "api_key", "apiKey", "JWT", "accessToken", "refresh_token", "clientSecret", "PASSWORD", "passphrase", "privateKey"];
    const deep = { a: { b: { c: { d: { e: [{ f: Object.fromEntries(keys.map((k) => [k, `${SECRET}-${k}`])) }] } } } } };
    const loop: Record<string, unknown> = { deep };
    loop.self = loop;
    logger.warn({ deep, headers: { cookie: [SECRET] }, loop }, "deep");
    const line = JSON.parse(lines());
    expect(lines()).not.toContain(SECRET);
    expect(Object.values(line.deep.a.b.c.d.e[0].f)).toEqual(keys.map(() => "[redacted]"));
    expect(line.headers.cookie).toBe("[redacted]");
    expect(line.loop.self).toBe("[circular]");
  });

  it("never writes bytes: Buffers, typed arrays, ArrayBuffers and DataViews become their length", () => {
    const { logger, lines } = capture();
    const bytes = Buffer.from(`POST /login\r\n\r\n{"password":"${SECRET}"}`);
    logger.info({ packet: bytes, nested: { view: new Uint8Array(bytes), raw: bytes.buffer.slice(0), data: new DataView(bytes.buffer) }, list: [bytes] }, "bytes");
    const all = withDecodedBytes(lines());
    expect(all).not.toContain(SECRET);
    expect(JSON.parse(lines()).packet).toBe(`[${bytes.byteLength} bytes redacted]`);
  });

  it("logs an error as what it says, without its raw properties (Node's parser errors carry the connection's bytes)", () => {
    const { logger, lines } = capture();
    const parserError = Object.assign(new Error("Parse Error: Invalid method encountered"), {
      code: "HPE_INVALID_METHOD",
      reason: "Invalid method encountered",
      rawPacket: Buffer.from(`GET / HTTP/1.1\r\nCookie: session=${SECRET}\r\n\r\n`),
      headers: { authorization: `Bearer ${SECRET}` },
    });
    logger.warn({ err: parserError }, "as a field");
    logger.error(new Error("wrapped", { cause: parserError }));
    const all = withDecodedBytes(lines());
    expect(all).not.toContain(SECRET);
    const [first, second] = lines().trim().split("\n").map((l) => JSON.parse(l));
    expect(first.err).toMatchObject({ type: "Error", code: "HPE_INVALID_METHOD", reason: "Invalid method encountered", message: parserError.message });
    expect(first.err.rawPacket).toMatch(/^\[\d+ bytes redacted\]$/);
    expect(second.err.cause.code).toBe("HPE_INVALID_METHOD");
  });

  it("strips a URL's password and anything shaped like a JWT from strings", () => {
    const { logger, lines } = capture();
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXBhcnQ";
    logger.warn({ reason: `connect to redis://default:${SECRET}@cache:6379 failed`, note: `saw ${jwt} in a header` }, "strings");
    const all = lines();
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain("c2lnbmF0dXJlLXBhcnQ");
    expect(JSON.parse(all).reason).toBe("connect to redis://default:[redacted]@cache:6379 failed");
  });

  it("finds a secret anywhere in an arbitrary log object, under a credential key or as bytes", () => {
    const credentialKey = fc.constantFrom("password", "Password", "newPassword", "token", "X-Auth-Token", "cookie", "Set-Cookie", "authorization", "api_key", "secret", "jwt");
    const hidden = fc.oneof(
      credentialKey.map((key) => ({ [key]: SECRET })),
      fc.constant(Buffer.from(SECRET)),
      fc.constant(new TextEncoder().encode(SECRET)),
      fc.constant(Object.assign(new Error("boom"), { rawPacket: Buffer.from(SECRET) })),
    );
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: "small", withCrossShrink: true }, fc.jsonValue({ maxDepth: 1 }), hidden, fc.array(tie("tree"), { maxLength: 3 }), fc.dictionary(fc.string(), tie("tree"), { maxKeys: 3 })),
    }));
    fc.assert(
      fc.property(fc.dictionary(fc.string(), tree, { minKeys: 1, maxKeys: 4 }), (object) => {
        const { logger, lines } = capture();
        logger.info(object, "arbitrary");
        expect(withDecodedBytes(lines())).not.toContain(SECRET);
      }),
      { numRuns: 300 },
    );
  });

  it("lets the access line skip the scrub: its fields are known safe, and it is the hottest line", () => {
    const { logger, lines } = capture();
    const path = "/eyJhbGciOi.eyJzdWIiOi.abc";
    logger.info({ path }, "scrubbed");
    unscrubbedChild(logger).info({ reqId: "r1", method: "GET", path, status: 200 }, "request");
    const [scrubbed, access] = lines().trim().split("\n").map((l) => JSON.parse(l));
    expect(scrubbed.path).toBe("/[redacted]");
    expect(access).toMatchObject({ reqId: "r1", method: "GET", path, status: 200, msg: "request" });
  });
});
