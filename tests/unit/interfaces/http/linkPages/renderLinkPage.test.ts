import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TOKEN_PURPOSES } from "../../../../../src/application/ports/EmailedTokens.js";
import { LINK_PATHS } from "../../../../../src/application/shared/emailedLinks.js";
import { LINK_PAGES } from "../../../../../src/interfaces/http/linkPages/linkPageTable.js";
import { LINK_PAGE_CSP, renderLinkPage } from "../../../../../src/interfaces/http/linkPages/renderLinkPage.js";

const hashOf = (s: string) => `'sha256-${createHash("sha256").update(s, "utf8").digest("base64")}'`;

describe("renderLinkPage", () => {
  it.each(TOKEN_PURPOSES)("%s: the inline script and style are exactly the ones the CSP allows, and nothing loads from elsewhere", (purpose) => {
    const html = renderLinkPage(LINK_PAGES[purpose]);
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    expect(styles).toHaveLength(1);
    expect(LINK_PAGE_CSP).toContain(`script-src ${hashOf(scripts[0]!)}`);
    expect(LINK_PAGE_CSP).toContain(`style-src ${hashOf(styles[0]!)}`);
    expect(html).not.toMatch(/\s(src|href)=/);
    expect(html).toContain("<form");
  });

  it("has a page for every emailed link path, and the reset page asks for the new password", () => {
    expect(Object.keys(LINK_PAGES).sort()).toEqual(Object.keys(LINK_PATHS).sort());
    expect(renderLinkPage(LINK_PAGES["reset-password"])).toMatch(/<input id="newPassword" name="newPassword" type="password" autocomplete="new-password"/);
  });
});
