import type { ListSessions } from "../../application/users/ListSessions.js";
import type { RevokeSessions } from "../../application/users/RevokeSessions.js";
import { UserNotFound } from "../../domain/users/UserErrors.js";

const USAGE = "usage: npm run sessions -- list|revoke-all <email>   e.g. list ada@example.com";

export interface SessionsCliDeps {
  /** Connects to users and sessions only once the arguments are known to be good. */
  open(): Promise<{ listSessions: ListSessions; revokeSessions: RevokeSessions; close(): Promise<void> }>;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

/**
 * For the support desk and incidents, through the same use-cases as GET /sessions and revoke-others. `list` prints one
 * JSON line per live session (never a token); `revoke-all` ends every session of the account at once.
 */
export async function runSessionsCli(argv: string[], d: SessionsCliDeps): Promise<number> {
  const [command, email, ...rest] = argv;
  if ((command !== "list" && command !== "revoke-all") || !email || rest.length > 0) {
    d.err.write(`${USAGE}\n`);
    return 64;
  }
  const { listSessions, revokeSessions, close } = await d.open();
  try {
    if (command === "list") {
      const { sessions } = await listSessions.execute({ account: { email } });
      for (const { current: _current, ...session } of sessions) d.out.write(`${JSON.stringify(session)}\n`);
      d.err.write(`${sessions.length} live session(s)\n`);
    } else {
      const { ended } = await revokeSessions.execute({ account: { email } });
      d.out.write(`ended ${ended} session(s)\n`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof UserNotFound)) throw error;
    d.err.write("no account with that email\n");
    return 1;
  } finally {
    await close();
  }
}
