const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/u;
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/u;
const MAX_LENGTH = 253;

/**
 * A lower-case ASCII host name: at least two dot-separated labels of 1–63 letters, digits and inner hyphens,
 * an alphabetic (or punycode `xn--`) top-level label, 253 characters at most. IP addresses and single-label hosts
 * such as `localhost` are not domain names here. International names must arrive in their ASCII (punycode) form.
 */
export function isDomainName(host: string): boolean {
  if (host.length > MAX_LENGTH) return false;
  const labels = host.split(".");
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && TOP_LEVEL.test(labels.at(-1)!);
}
