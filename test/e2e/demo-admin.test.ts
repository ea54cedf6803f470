import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PLAN } from "../../src/demo/app.js";
import { TEST_SECRET } from "../support/app.js";

const dir = mkdtempSync(join(tmpdir(), "dnma-demo-"));
const plan = join(dir, "demo-ent.yaml");
copyFileSync(DEMO_PLAN, plan);

let child: ChildProcess;
const urls: { demo?: string; admin?: string } = {};

beforeAll(async () => {
  child = spawn(process.execPath, ["dist/demo/main.js"], {
    env: {
      PATH: process.env.PATH ?? "",
      PORT: "0",
      ADMIN_PORT: "0",
      DNMA_TAG_PLAN: plan,
      DNMA_TAG_SECRET: TEST_SECRET,
      DNMA_TAG_LOG_LEVEL: "error",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    child.on("exit", (code) => reject(new Error(`demo exited with ${code}: ${output}`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk;
      urls.demo = /Demo ENT running at (\S+)/.exec(output)?.[1];
      urls.admin = /dnma-tag admin at (\S+)/.exec(output)?.[1];
      if (urls.demo && urls.admin) resolve();
    });
  });
});

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

async function health(): Promise<{
  plan: { name: string; version: string };
  reload: { lastResult: string | null };
}> {
  return (await (await fetch(`${urls.admin}healthz`)).json()) as Awaited<ReturnType<typeof health>>;
}

describe("npm start (the demo) with the admin listener and hot reload", () => {
  it("prints both URLs on 127.0.0.1 and serves the admin page for its plan", async () => {
    expect(urls.demo).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(urls.admin).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((await health()).plan.name).toBe("demo-ent");
    expect(await (await fetch(urls.admin as string)).text()).toContain(
      "<tr><td>5</td><td>marks</td><td>97</td>",
    );
  });

  it("reloads the plan when its file changes", async () => {
    const before = (await health()).plan.version;
    writeFileSync(
      plan,
      readFileSync(plan, "utf8")
        .replace("name: releve_de_notes", "name: notes_eleve")
        .replace(
          "{ service: NOTES, name: releve_de_notes }",
          "{ service: NOTES, name: notes_eleve }",
        ),
    );

    let after = await health();
    for (let attempt = 0; attempt < 100 && after.reload.lastResult === null; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      after = await health();
    }
    expect(after.reload.lastResult).toBe("success");
    expect(after.plan.version).not.toBe(before);
  });
});
