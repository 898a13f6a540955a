/** Token ids that stop working before they expire (logout). Entries may be forgotten after `until`. */
export interface SessionRevocations {
  revoke(tokenId: string, until: Date): Promise<void>;
  isRevoked(tokenId: string): Promise<boolean>;
}
