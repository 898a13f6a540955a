import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../../../src/infrastructure/logging/logger.js";

describe("logger", () => {
  it("censors credentials at the top of a log object, one level down, and in children", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger("info", sink);
    logger.info({ password: "hunter2-top", input: { newPassword: "hunter2-nested", token: "tok-nested" } }, "a");
    logger.child({ reqId: "r1" }).warn({ passwordHash: "$2b$12$abc", secret: "s3cr3t" }, "b");
    const all = lines.join("");
    for (const secret of ["hunter2-top", "hunter2-nested", "tok-nested", "$2b$12$abc", "s3cr3t"]) expect(all).not.toContain(secret);
    expect(all.match(/\[redacted\]/g)).toHaveLength(5);
  });
});
