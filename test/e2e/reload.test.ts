import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import { Registry } from "prom-client";
import request from "supertest";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/log/logger.js";
import { dnmaTag } from "../../src/middleware/dnma-tag.js";
import type { ReloadOutcome } from "../../src/plan/reload.js";
import { PAGE, TEST_SECRET } from "../support/app.js";
import { MINIMAL_PLAN } from "../support/plans.js";

const dir = mkdtempSync(join(tmpdir(), "dnma-reload-e2e-"));
const file = join(dir, "plan.yaml");
writeFileSync(file, MINIMAL_PLAN);
const waiters: ((outcome: ReloadOutcome) => void)[] = [];
const nextReload = () => new Promise<ReloadOutcome>((resolve) => waiters.push(resolve));

const middleware = dnmaTag({
  plan: file,
  secret: TEST_SECRET,
  registry: new Registry(),
  logger: createLogger({ level: "silent" }),
  identify: () => ({ id: "jdupont", profile: "ELEVE", uai: "0021593W" }),
  watch: { debounceMs: 50, signal: false, onReload: (outcome) => waiters.shift()?.(outcome) },
});
const app = express();
app.use(middleware);
app.get("/home", (_req, res) => res.type("html").send(PAGE));

afterAll(() => {
  middleware.stopWatching();
  rmSync(dir, { recursive: true, force: true });
});

async function serviceOfHome(): Promise<string | undefined> {
  const html = (await request(app).get("/home")).text;
  return /"SERVICE": "([A-Z_]+)"/.exec(html)?.[1];
}

describe("dnmaTag({ watch: true })", () => {
  it("tags with the new plan once the file changes, and keeps it when a broken one follows", async () => {
    expect(await serviceOfHome()).toBe("ACCUEIL");

    const reloaded = nextReload();
    writeFileSync(file, MINIMAL_PLAN.replace("service: ACCUEIL", "service: NOTES"));
    expect((await reloaded).result).toBe("success");
    expect(await serviceOfHome()).toBe("NOTES");

    const refused = nextReload();
    writeFileSync(file, "version: 1\npages: [");
    expect((await refused).result).toBe("failure");
    expect(await serviceOfHome()).toBe("NOTES");
  });
});
