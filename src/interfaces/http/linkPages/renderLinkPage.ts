import { createHash } from "node:crypto";
import { escapeHtml } from "../../../application/notifications/templates/escapeHtml.js";
import type { LinkPage } from "./linkPageTable.js";

// The page's only script: reads the token from the address, sends it with the form's fields as JSON to the page's own
// path, and shows the answer. Static text, so a CSP hash allows exactly it and nothing else.
const SCRIPT = `"use strict";
const form = document.getElementById("link-form");
const out = document.getElementById("result");
const button = form.querySelector("button");
const token = new URLSearchParams(location.search).get("token") || "";
if (!token) { out.textContent = "This link is incomplete: open the whole link from your email."; form.hidden = true; }
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const body = { token };
  for (const input of form.querySelectorAll("input[name]")) body[input.name] = input.value;
  button.disabled = true;
  out.textContent = "Working…";
  try {
    const res = await fetch(location.pathname, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), credentials: "same-origin" });
    const data = await res.json().catch(() => ({}));
    if (res.ok) { out.textContent = form.dataset.done; form.hidden = true; return; }
    out.textContent = (data && data.error && data.error.message) || "Something went wrong; try again.";
  } catch {
    out.textContent = "Bazaar could not be reached; check your connection and try again.";
  }
  button.disabled = false;
});`;

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.4rem}label{display:block;margin:1rem 0 .25rem}input{font:inherit;width:100%;padding:.5rem;box-sizing:border-box}
button{font:inherit;margin-top:1rem;padding:.6rem 1.2rem;cursor:pointer}#result{margin-top:1rem;font-weight:600}`;

const sha256 = (s: string) => `'sha256-${createHash("sha256").update(s, "utf8").digest("base64")}'`;

/**
 * Nothing outside the page may load (no CDN: it works offline and leaks no visit); the one script and the one style
 * are allowed by hash; the page may only call its own origin; no framing, no <base>, no form posting elsewhere.
 */
export const LINK_PAGE_CSP = [
  "default-src 'none'",
  `script-src ${sha256(SCRIPT)}`,
  `style-src ${sha256(STYLE)}`,
  "connect-src 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join("; ");

export function renderLinkPage(page: LinkPage): string {
  const fields = (page.fields ?? [])
    .map(
      (f) =>
        `<label for="${escapeHtml(f.name)}">${escapeHtml(f.label)}</label><input id="${escapeHtml(f.name)}" name="${escapeHtml(f.name)}" type="${f.type}" autocomplete="${escapeHtml(f.autocomplete)}" required${f.minLength ? ` minlength="${f.minLength}"` : ""}>`,
    )
    .join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(page.title)} · Bazaar</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(page.title)}</h1>
<p>${escapeHtml(page.intro)}</p>
<form id="link-form" data-done="${escapeHtml(page.done)}">${fields}<button type="submit">${escapeHtml(page.button)}</button></form>
<p id="result" role="status"></p>
<noscript><p>This page needs JavaScript to send your request to Bazaar.</p></noscript>
<script>${SCRIPT}</script>
</body>
</html>`;
}
