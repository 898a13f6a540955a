/**
 * What an error raised outside a request handler (Node's HTTP parser, a socket, Koa's 'error' event) may say in a log:
 * its name, its code and its reason, in printable ASCII and short. Never the error itself: Node's parser errors carry
 * the connection's raw bytes (`rawPacket`: request bodies, cookies) and may gain other such properties.
 */
export interface ConnectionErrorSummary {
  type: string;
  code?: string;
  reason: string;
}

const CODE = /^[A-Z][A-Z0-9_]{0,63}$/;
const MAX_REASON = 200;
/** The client hung up or stopped writing: routine, not a problem of ours. */
const CLIENT_WENT_AWAY = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED", "ERR_STREAM_PREMATURE_CLOSE"]);

export function connectionErrorSummary(error: unknown): ConnectionErrorSummary {
  if (typeof error !== "object" || error === null) return { type: typeof error, reason: "a non-error value was thrown" };
  const { name, code, reason, message } = error as Record<string, unknown>;
  return {
    type: typeof name === "string" ? printable(name, 64) : "Error",
    code: typeof code === "string" && CODE.test(code) ? code : undefined,
    // llhttp's `reason` is a fixed phrase ("Invalid method encountered"); other errors only have their message.
    reason: printable(typeof reason === "string" ? reason : typeof message === "string" ? message : "", MAX_REASON),
  };
}

export function clientWentAway(summary: ConnectionErrorSummary): boolean {
  return summary.code !== undefined && CLIENT_WENT_AWAY.has(summary.code);
}

function printable(text: string, max: number): string {
  return text.replace(/[^\x20-\x7e]/g, "?").slice(0, max);
}
