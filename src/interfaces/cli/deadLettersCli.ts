import type { DeadLetters } from "../../application/ports/DeadLetters.js";
import { NOTIFICATIONS_GROUP } from "../worker/notificationWorker.js";

const USAGE = "usage: npm run dead-letters -- list|replay <channel> [group]   e.g. list user:signup";

export interface DeadLettersCliDeps {
  /** Connects to the bus only once the arguments are known to be good. */
  open(): Promise<{ deadLetters: DeadLetters; close(): Promise<void> }>;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

/** `list` prints one JSON line per dead letter; `replay` puts them back once the cause is fixed (workers dedupe by event id). */
export async function runDeadLettersCli(argv: string[], d: DeadLettersCliDeps): Promise<number> {
  const [command, channel, group = NOTIFICATIONS_GROUP] = argv;
  if ((command !== "list" && command !== "replay") || !channel) {
    d.err.write(`${USAGE}\n`);
    return 64;
  }
  const { deadLetters, close } = await d.open();
  try {
    if (command === "list") {
      for (const letter of await deadLetters.list(channel, group, 1_000)) d.out.write(`${JSON.stringify(letter)}\n`);
    } else {
      d.out.write(`replayed ${await deadLetters.replay(channel, group)} dead letter(s) of ${channel}/${group}\n`);
    }
  } finally {
    await close();
  }
  return 0;
}
