/** Moves stored outbox messages to the bus in the background. */
export interface EventRelay {
  /** New messages were just stored: deliver them soon. Never throws and never waits for the bus. */
  nudge(): void;
}
