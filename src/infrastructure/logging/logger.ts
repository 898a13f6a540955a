import { pino, type Logger } from "pino";
import { scrub } from "./scrub.js";

export type { Logger };

/**
 * Every line but the access line goes through `scrub` (credential keys and byte arrays at any depth, errors reduced to
 * what they say). Path-based redaction was not enough: it cannot reach arbitrary depth, and a parser error carries the
 * connection's raw bytes under a key nobody thought of (`rawPacket`).
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "bazaar" },
      formatters: { log: (object) => scrub(object) as Record<string, unknown> },
      // `scrub` already turned every error into a plain summary; pino's own serializer would copy raw properties back.
      serializers: { err: (value: unknown) => value },
    },
    destination,
  );
}

/**
 * A child that skips the scrub, for a line whose fields are known to hold no credential (the access line: method,
 * path, status, duration, IP, request id), so the hottest line costs nothing extra.
 */
export function unscrubbedChild(logger: Logger): Logger {
  return logger.child({}, { formatters: { log: (object) => object } });
}
