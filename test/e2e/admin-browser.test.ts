import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AdminServer, createAdminServer } from "../../src/admin/server.js";
import { createLogger } from "../../src/log/logger.js";
import { DEMO_PLAN } from "../../src/demo/app.js";
import { createTagger } from "../../src/tagging/tagger.js";
import { TEST_SECRET } from "../support/app.js";
import { launchBrowser } from "../support/browser.js";

/** Screenshots go to test-artifacts/ (git-ignored). */
const ARTIFACTS = join(import.meta.dirname, "../../test-artifacts");

/** The page's document, as functions run in the browser see it (the tests have no DOM types). */
interface PageDocument {
  getElementById(id: string): { textContent: string | null } | null;
  querySelectorAll(selector: string): Iterable<{ textContent: string | null }>;
}

describe("admin page in headless Chromium", () => {
  const tagger = createTagger({
    plan: DEMO_PLAN,
    secret: TEST_SECRET,
    registry: new Registry(),
    logger: createLogger({ level: "silent" }),
  });
  let admin: AdminServer;
  let base = "";
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    tagger.metrics.pagesTagged.inc({ service: "NOTES" }, 3);
    tagger.recordSkip({ method: "GET", path: "/login" }, "never-tag");
    admin = createAdminServer({ tagger, port: 0, refreshMs: 300 });
    base = await admin.listen();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await admin?.close();
  });

  it("shows the plan, tests a URL, refreshes the counters, with no CSP violation", async () => {
    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
    });
    page.on("pageerror", (err) => problems.push(err.message));

    await page.goto(base);
    expect(await page.title()).toBe("dnma-tag admin");
    expect(await page.locator("#plan tbody tr").count()).toBe(21);
    // biome-ignore lint/performance/useDomNodeTextContent: innerText joins table cells with tabs, as tested
    expect(await page.locator("#plan tbody tr").nth(4).innerText()).toBe(
      "5\tmarks\t97\tpath /notes\tNOTES\tENT_DEMO\tNATIF\treleve_de_notes\t-",
    );

    await page.fill("input[name=url]", "/conversation/message/42");
    await Promise.all([
      page.waitForURL(/url=%2Fconversation%2Fmessage%2F42/),
      page.click("button[type=submit]"),
    ]);
    const result = page.locator("#match-result table").nth(1);
    // biome-ignore lint/performance/useDomNodeTextContent: innerText gives the rendered text the test compares
    expect(await result.locator("tbody tr").innerText()).toBe(
      "rule mail-message (line 107)\tCOURRIER_ELECTRONIQUE\tENT_DEMO\tNATIF\tmessage\tmessagerie",
    );

    tagger.metrics.pagesTagged.inc({ service: "NOTES" }, 2);
    await page.waitForFunction(() => {
      const { document } = globalThis as unknown as { document: PageDocument };
      return document.getElementById("refreshed")?.textContent?.startsWith("counters refreshed");
    });
    await page.waitForFunction(() => {
      const { document } = globalThis as unknown as { document: PageDocument };
      return [...document.querySelectorAll("#counters tbody tr")].some(
        (row) => row.textContent === "pages taggedNOTES5",
      );
    });
    // biome-ignore lint/performance/useDomNodeTextContent: innerText gives the rendered text the test compares
    expect(await page.locator("#decisions tbody tr").first().innerText()).toMatch(
      /^\S+\tGET\t\/login\tskipped\t\t\tnever-tag$/,
    );

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "admin-page.png"), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it("blocks inline script on the admin page itself (its CSP is in force)", async () => {
    const page = await browser.context.newPage();
    const violations: string[] = [];
    page.on("console", (message) => violations.push(message.text()));
    await page.goto(base);

    const ran = await page.evaluate(`(() => {
      const script = document.createElement("script");
      script.textContent = "window.__inlineRan = true;";
      document.body.appendChild(script);
      return window.__inlineRan === true;
    })()`);
    expect(ran).toBe(false);
    expect(violations.some((text) => text.includes("Content Security Policy"))).toBe(true);
    await page.close();
  });
});
