import { pino, type Logger } from "pino";

export type { Logger };

/** Anything that could hold a credential is censored, wherever it appears in a log object. */
const REDACT = [
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
  "*.password",
  "*.oldPassword",
  "*.newPassword",
  "*.passwordHash",
  "*.token",
  "*.secret",
  "*.apiSecret",
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT, censor: "[redacted]" }, base: { service: "bazaar" } }, destination);
}
