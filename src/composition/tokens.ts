import type { InjectionToken } from "./container.js";
import type { Clock } from "../application/ports/Clock.js";
import type { EmailedTokens } from "../application/ports/EmailedTokens.js";
import type { HealthCheck } from "../application/ports/HealthCheck.js";
import type { IdGenerator } from "../application/ports/IdGenerator.js";
import type { ImageVariants } from "../application/ports/ImageVariants.js";
import type { Mailer } from "../application/ports/Mailer.js";
import type { MediaFiles } from "../application/ports/MediaFiles.js";
import type { OutboxStore } from "../application/ports/OutboxStore.js";
import type { PasswordDenylist } from "../application/ports/PasswordDenylist.js";
import type { PasswordHasher } from "../application/ports/PasswordHasher.js";
import type { SendLedger } from "../application/ports/SendLedger.js";
import type { SessionStore } from "../application/ports/SessionStore.js";
import type { TokenService } from "../application/ports/TokenService.js";
import type { AccountDeletionPolicy } from "../application/users/deletion/AccountDeletionPolicy.js";
import type { SessionPolicy } from "../application/users/sessions/SessionPolicy.js";
import type { ProductRepository } from "../domain/catalog/ProductRepository.js";
import type { UserRepository } from "../domain/users/UserRepository.js";
import type { Config } from "../infrastructure/config/config.js";
import type { Bus } from "../infrastructure/events/Bus.js";
import type { Logger } from "../infrastructure/logging/logger.js";
import type { OutboxRelay } from "../infrastructure/outbox/OutboxRelay.js";
import type { AuthLimiters } from "../interfaces/http/throttling/AuthThrottle.js";

/**
 * One typed token per port: `container.resolve(USERS)` is a UserRepository to the compiler, and registering a value
 * of the wrong type does not compile. Feature handles (ACCOUNTS, CATALOG, NOTIFICATIONS) live with their modules.
 */
const token = <T>(name: string): InjectionToken<T> => Symbol(name);

export const CONFIG = token<Config>("Config");
export const LOGGER = token<Logger>("Logger");
export const CLOCK = token<Clock>("Clock");
export const IDS = token<IdGenerator>("IdGenerator");
export const HEALTH_CHECKS = token<HealthCheck[]>("HealthChecks");

export const USERS = token<UserRepository & OutboxStore>("UserRepository");
export const HASHER = token<PasswordHasher>("PasswordHasher");
export const DENYLIST = token<PasswordDenylist>("PasswordDenylist");
export const SESSION_TOKENS = token<TokenService>("TokenService");
export const SESSIONS = token<SessionStore>("SessionStore");
export const SESSION_POLICY = token<SessionPolicy>("SessionPolicy");
export const EMAILED_TOKENS = token<EmailedTokens>("EmailedTokens");
export const AUTH_LIMITERS = token<AuthLimiters | null>("AuthLimiters");
export const ACCOUNT_DELETION = token<AccountDeletionPolicy>("AccountDeletionPolicy");

export const EVENT_BUS = token<Bus>("EventBus");
export const OUTBOX_RELAY = token<OutboxRelay>("OutboxRelay");
export const MAILER = token<Mailer>("Mailer");
export const SEND_LEDGER = token<SendLedger>("SendLedger");

export const PRODUCTS = token<ProductRepository>("ProductRepository");
export const IMAGE_VARIANTS = token<ImageVariants>("ImageVariants");
export const MEDIA_FILES = token<MediaFiles>("MediaFiles");
