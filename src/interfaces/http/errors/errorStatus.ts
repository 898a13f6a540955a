import type * as ImageStorageErrors from "../../../application/ports/ImageStorage.js";
import type * as TokenErrors from "../../../application/ports/TokenService.js";
import type * as NotificationErrors from "../../../application/notifications/NotificationErrors.js";
import type * as DependencyErrors from "../../../application/shared/DependencyUnavailable.js";
import type * as ProductErrors from "../../../domain/catalog/ProductErrors.js";
import type * as UserErrors from "../../../domain/users/UserErrors.js";

/** The `code` of every error class a module exports (other exports are ignored). */
type CodesOf<M> = { [K in keyof M]: M[K] extends abstract new (...args: never[]) => { readonly code: infer C extends string } ? C : never }[keyof M];

/** Every module that declares domain or application errors. A new module of errors joins this list. */
export type ErrorCode =
  | CodesOf<typeof UserErrors>
  | CodesOf<typeof ProductErrors>
  | CodesOf<typeof TokenErrors>
  | CodesOf<typeof DependencyErrors>
  | CodesOf<typeof ImageStorageErrors>
  | CodesOf<typeof NotificationErrors>;

/**
 * The one table from error codes to HTTP statuses. `satisfies` makes a code without a status (or a status for a code
 * that no longer exists) fail `npm run check`, instead of silently becoming a 500.
 */
export const STATUS_BY_CODE = {
  INVALID_EMAIL: 400,
  WEAK_PASSWORD: 400,
  WRONG_PASSWORD: 400,
  EMAIL_TAKEN: 409,
  CONFLICT: 409,
  INVALID_CREDENTIALS: 401,
  UNAUTHENTICATED: 401,
  USER_NOT_FOUND: 404,
  INVALID_TOKEN: 400,
  EMAIL_NOT_VERIFIED: 403,
  EMAIL_UNCHANGED: 400,
  SESSION_NOT_FOUND: 404,
  SERVICE_UNAVAILABLE: 503,
  PRODUCT_NOT_FOUND: 404,
  INVALID_CURSOR: 400,
  // Raised only by the import and the worker, never by a request; mapped so a future route cannot leak them as 500s.
  INVALID_PRODUCT: 422,
  SLUG_TAKEN: 409,
  IMAGE_STORAGE_FAILED: 502,
  UNSUPPORTED_EVENT: 422,
  NOTIFICATION_IN_PROGRESS: 409,
} as const satisfies Record<ErrorCode, number>;

const statuses: ReadonlyMap<string, number> = new Map(Object.entries(STATUS_BY_CODE));

/** The status for a code, looked up without touching Object.prototype (a code is never `constructor`). */
export const statusOf = (code: string): number | undefined => statuses.get(code);
