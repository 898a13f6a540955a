import { pino, type Logger } from "pino";

export type { Logger };

/** Anything that could hold a credential is censored, wherever it appears in a log object. */
const SECRET_KEYS = ["password", "oldPassword", "newPassword", "passwordHash", "token", "secret", "apiSecret"];
const REDACT = [
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
  // At the top of a log object and one level down (`{ input: { password } }`).
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => `*.${key}`),
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT, censor: "[redacted]" }, base: { service: "bazaar" } }, destination);
}
