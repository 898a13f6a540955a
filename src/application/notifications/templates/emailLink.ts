/**
 * A link for an email: the public base URL (PUBLIC_URL), a path and the token as a query parameter.
 * Local stand-in for the recovery flows' link helper (issue 11); the two are meant to become one.
 */
export function emailLink(publicUrl: string, path: string, token: string): string {
  const url = new URL(path, publicUrl.endsWith("/") ? publicUrl : `${publicUrl}/`);
  url.searchParams.set("token", token);
  return url.toString();
}
