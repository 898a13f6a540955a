import type { SessionRevocations } from "../ports/SessionRevocations.js";

export interface LogoutInput {
  tokenId: string;
  expiresAt: Date;
}

export type LogoutError = never;

export class Logout {
  constructor(private readonly revocations: SessionRevocations) {}

  /** The token stays revoked until it would have expired anyway. */
  async execute(input: LogoutInput): Promise<void> {
    await this.revocations.revoke(input.tokenId, input.expiresAt);
  }
}
