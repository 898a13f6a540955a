import { userDeleted } from "../../../domain/users/UserEvents.js";
import type { UserRepository } from "../../../domain/users/UserRepository.js";
import type { Clock } from "../../ports/Clock.js";
import type { EmailedTokens } from "../../ports/EmailedTokens.js";
import type { EventRelay } from "../../ports/EventRelay.js";
import type { IdGenerator } from "../../ports/IdGenerator.js";
import type { SessionStore } from "../../ports/SessionStore.js";
import { toEventMessages } from "../../shared/eventMessages.js";
import type { AccountDeletionPolicy } from "./AccountDeletionPolicy.js";

export interface EraseDueAccountsOutput {
  /** Accounts this run erased; an account another worker erased first is not counted here. */
  erased: number;
}

export type EraseDueAccountsError = never;

/**
 * The erasure job's one step: every account whose grace period has ended is erased, once, however many workers run
 * it at the same moment. The repository's erase is an atomic conditional write (still pending and due), and the
 * user:deleted event is stored in that same write, so exactly the worker that erased an account publishes its event.
 *
 * Images: users own none in Bazaar's storage today. `photoUrl` is an https address the user typed (EditProfile
 * accepts only that) pointing at someone else's server; nothing was ever uploaded, so there is nothing of theirs in
 * ImageStorage to delete, and the URL itself goes with the rest of the document. When uploads arrive, their
 * deletion belongs here, before the erase.
 */
export class EraseDueAccounts {
  constructor(
    private readonly users: UserRepository,
    private readonly tokens: EmailedTokens,
    private readonly sessions: SessionStore,
    private readonly relay: EventRelay,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly policy: AccountDeletionPolicy,
  ) {}

  async execute(): Promise<EraseDueAccountsOutput> {
    let erased = 0;
    for (;;) {
      const now = this.clock.now();
      const due = await this.users.findDueForErasure(now, this.policy.erasureBatchSize);
      let erasedNow = 0;
      for (const userId of due) {
        // Tokens and sessions first: were the erase to fail after them, a rerun erases; were it the other way round, an outstanding
        // restore link would outlive the account. Cancelling is idempotent, so a losing worker's cancel is harmless.
        await this.tokens.cancelAll(userId);
        await this.sessions.endAll(userId);
        if (await this.users.erase(userId, now, toEventMessages([userDeleted(userId, now)], this.ids))) erasedNow++;
      }
      erased += erasedNow;
      if (erasedNow > 0) this.relay.nudge();
      // A short batch is the last one; a full batch that erased nothing (another worker took them) would only repeat.
      if (due.length < this.policy.erasureBatchSize || erasedNow === 0) return { erased };
    }
  }
}
