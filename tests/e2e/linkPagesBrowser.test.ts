import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitForLink } from "../support/mailLinks.js";
import { pageUrl, signUp, startRecoveryServer, type Server } from "../support/recoveryServer.js";

// Debian's Chromium (`apt-get install chromium`; .ci/run installs it). Never a browser downloaded by a test tool.
const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`link pages in a real browser: skipped, no ${CHROMIUM} (apt-get install chromium)`);

/**
 * The pages an emailed link opens run one inline script, allowed by its CSP hash. Only a browser enforces the CSP and
 * runs the script, so only a browser shows that a user can actually press the button: a wrong hash would leave the
 * page inert while every HTTP-level test passed.
 */
describe.skipIf(!haveChromium)("link pages in a real browser (Chromium)", () => {
  let server: Server;
  let browser: Browser;
  beforeAll(async () => {
    server = await startRecoveryServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.api.stop();
  });

  it("the reset page sets the new password when its button is pressed, not when it is opened, and the CSP blocks nothing", async () => {
    const { email } = await signUp(server);
    expect((await server.client().post("/password/forgot", { json: { email } })).status).toBe(202);
    const link = await waitForLink(server.mailDir, email, "/password/reset");
    expect(link).not.toBeNull();

    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("console", (m) => void (m.type() === "error" && problems.push(m.text())));
    page.on("pageerror", (e) => void problems.push(e.message));
    const response = await page.goto(pageUrl(server, link!));
    expect(response?.status()).toBe(200);
    expect(response?.headers()["referrer-policy"]).toBe("no-referrer");

    // Opening the page (what a mail scanner does) left the link usable: the button still works below.
    await page.fill("#newPassword", "typed in a browser 2026");
    await page.click("button[type=submit]");
    // The script hides the form once the API said yes; a script the CSP blocked never does (fail in 10 s, not 30).
    await expect.poll(() => page.isHidden("#link-form"), { timeout: 10_000 }).toBe(true);
    expect(await page.textContent("#result")).toMatch(/password/iu);
    expect(problems).toEqual([]);

    const login = await server.client().post("/login", { json: { email, password: "typed in a browser 2026" } });
    expect(login.status).toBe(200);
    await page.close();
  });

  it("a used link shows the API's one message for a bad token, in the page", async () => {
    const { email } = await signUp(server);
    await server.client().post("/password/forgot", { json: { email } });
    const link = (await waitForLink(server.mailDir, email, "/password/reset"))!;
    expect((await server.client().post("/password/reset", { json: { token: link.token, newPassword: "used up before the click 1" } })).status).toBe(200);

    const page = await browser.newPage();
    await page.goto(pageUrl(server, link));
    await page.fill("#newPassword", "too late for this link 2");
    await page.click("button[type=submit]");
    await expect.poll(() => page.textContent("#result"), { timeout: 10_000 }).toMatch(/invalid or has expired/u);
    expect(await page.isVisible("#link-form")).toBe(true);
    await page.close();
  });
});
