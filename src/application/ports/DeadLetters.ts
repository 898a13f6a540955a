export interface DeadLetter {
  /** Where the dead letter is stored, for replay. */
  id: string;
  channel: string;
  group: string;
  /** The message exactly as it was on the bus, which may not even be JSON. */
  raw: string;
  reason: string;
  attempts: number;
  deadAt: string;
}

/** Messages a consumer group gave up on, kept for a person to inspect and replay once the cause is fixed. */
export interface DeadLetters {
  list(channel: string, group: string, limit?: number): Promise<DeadLetter[]>;
  /** Puts every dead letter of the group back on its channel (with a fresh attempt count) and returns how many. */
  replay(channel: string, group: string): Promise<number>;
}
