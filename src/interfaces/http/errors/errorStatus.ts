/**
 * The one table from domain error codes to HTTP statuses. A code missing here is a bug and becomes a 500. A Map, so
 * that no code can ever resolve an Object.prototype name.
 */
export const STATUS_BY_CODE: ReadonlyMap<string, number> = new Map(Object.entries({
  INVALID_EMAIL: 400,
  WEAK_PASSWORD: 400,
  WRONG_PASSWORD: 400,
  EMAIL_TAKEN: 409,
  CONFLICT: 409,
  INVALID_CREDENTIALS: 401,
  UNAUTHENTICATED: 401,
  USER_NOT_FOUND: 404,
  NOT_FOUND: 404,
  SERVICE_UNAVAILABLE: 503,
  PRODUCT_NOT_FOUND: 404,
  INVALID_CURSOR: 400,
}));
