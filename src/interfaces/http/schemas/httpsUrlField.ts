import { z } from "zod";
import { isDomainName } from "../../../domain/shared/domainName.js";
import { text } from "./text.js";

const MAX_LENGTH = 2048;

/**
 * An https URL as the WHATWG URL parser (the one browsers use) reads it, stored as its canonical serialisation:
 * double quotes, spaces and angle brackets come out percent-encoded, and single quotes too (the parser leaves them
 * as they are in paths and fragments, so `canonical` encodes them), so nothing typed after a valid URL can break out
 * of an HTML attribute that displays it, whichever quotes the attribute uses. Credentials in the URL and hosts that are not domain names (IP addresses,
 * `localhost`) are refused. The limit applies to the canonical form. An empty string (what an HTML form sends for a
 * blank input) is `null`: no URL.
 */
export const httpsUrlOrEmpty = text({ max: MAX_LENGTH })
  .transform((raw, ctx) => {
    if (raw === "") return null;
    const url = URL.canParse(raw) ? new URL(raw) : null;
    const problem = url ? refusal(url) : "must be an absolute URL";
    if (problem) ctx.addIssue({ code: "custom", message: problem, input: raw });
    return problem ? z.NEVER : canonical(url!);
  })
  .meta({ format: "uri", example: "https://images.example.com/ada.png" });

function refusal(url: URL): string | null {
  if (url.protocol !== "https:") return "must be an https URL";
  if (url.username !== "" || url.password !== "") return "must not contain a user name or password";
  if (!isDomainName(url.hostname)) return "must name its host by a domain name";
  if (canonical(url).length > MAX_LENGTH) return `must be at most ${MAX_LENGTH} characters once encoded`;
  return null;
}

/** The parser's serialisation with `'` encoded as well: an equivalent URL (RFC 3986 §2.1) that is safe in any attribute. */
function canonical(url: URL): string {
  return url.href.replaceAll("'", "%27");
}
