/** Where a request comes from, as far as the server can tell: shown in GET /sessions, compared for new-sign-in notices. */
export interface Device {
  userAgent?: string | null | undefined;
  ip?: string | null | undefined;
}

const MAX_USER_AGENT_LENGTH = 256;
const MAX_IP_LENGTH = 64;

/**
 * A header is whatever the client sent: control characters go (they would break a log line or an email), runs of
 * spaces collapse, and the length is capped, so a hostile User-Agent cannot bloat every session record.
 */
export function trimDevice(device: Device): { userAgent: string; ip: string } {
  return { userAgent: clean(device.userAgent, MAX_USER_AGENT_LENGTH), ip: clean(device.ip, MAX_IP_LENGTH) };
}

function clean(value: string | null | undefined, max: number): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  return [...(value ?? "").replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/gu, " ").replace(/\s+/gu, " ").trim()].slice(0, max).join("");
}
