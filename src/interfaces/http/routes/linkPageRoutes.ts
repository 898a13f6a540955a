import { z } from "zod";
import { TOKEN_PURPOSES } from "../../../application/ports/EmailedTokens.js";
import { LINK_PAGES, linkPagePath } from "../linkPages/linkPageTable.js";
import { LINK_PAGE_CSP, renderLinkPage } from "../linkPages/renderLinkPage.js";
import { route, type Route } from "./route.js";

/**
 * The pages every emailed link opens (`<PUBLIC_URL><path>?token=…`). A GET never uses the token: mail scanners open
 * every link, and a link used up by a scanner would be dead when the user clicks it. No referrer (the address holds
 * the token), no caching anywhere, the strict CSP of renderLinkPage. The token is not read here at all: the page's
 * script reads it from the address bar, so it never reaches a server log through this route.
 */
export function linkPageRoutes(): Route[] {
  return TOKEN_PURPOSES.map((purpose) => {
    const page = LINK_PAGES[purpose];
    const html = renderLinkPage(page);
    return route({
      method: "get",
      path: linkPagePath(purpose),
      tag: "Emailed links",
      summary: `Page the emailed link opens: "${page.title}" (its button POSTs the token to this path)`,
      responses: { 200: { description: "A small HTML page; opening it does not use the token", contentType: "text/html", schema: z.string() } },
      async handle(ctx) {
        ctx.set("Content-Security-Policy", LINK_PAGE_CSP);
        ctx.set("Referrer-Policy", "no-referrer");
        ctx.set("Cache-Control", "no-store");
        ctx.type = "text/html; charset=utf-8";
        ctx.body = html;
      },
    });
  });
}
