import { createHash, randomBytes } from "node:crypto";
import bcrypt from "bcrypt";
import type { PasswordHasher } from "../../application/ports/PasswordHasher.js";

/**
 * bcrypt reads only the first 72 bytes of its input, so two long passwords sharing a prefix would collide.
 * We hash SHA-256(password) instead, as base64 (44 ASCII bytes, no NUL): every byte of the password counts.
 * bcrypt's native binding runs on libuv's thread pool, so hashing never blocks the event loop.
 */
export class BcryptPasswordHasher implements PasswordHasher {
  #dummy: Promise<string> | undefined;

  constructor(private readonly cost: number) {}

  hash(password: string): Promise<string> {
    return bcrypt.hash(prehash(password), this.cost);
  }

  async verify(password: string, hash: string): Promise<boolean> {
    return bcrypt.compare(prehash(password), hash);
  }

  dummyHash(): Promise<string> {
    this.#dummy ??= this.hash(randomBytes(32).toString("hex"));
    return this.#dummy;
  }
}

function prehash(password: string): string {
  return createHash("sha256").update(password, "utf8").digest("base64");
}
