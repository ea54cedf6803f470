import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { afterEach, describe, expect, it } from "vitest";
import { TEST_SECRET } from "../support/app.js";
import { MINIMAL_PLAN } from "../support/plans.js";
import { closeAll, startUpstream, type Upstream } from "../support/proxy.js";

const BIN = resolve(import.meta.dirname, "../../bin/dnma-tag.js");

let upstream: Upstream | undefined;
let child: ChildProcess | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  await closeAll(upstream?.server);
  upstream = child = undefined;
});

function writePlan(): string {
  const file = join(mkdtempSync(join(tmpdir(), "dnma-cli-")), "plan.yaml");
  writeFileSync(file, MINIMAL_PLAN);
  return file;
}

/** Starts `dnma-tag proxy` and resolves with its parsed log lines so far once it listens. */
function startCli(
  args: string[],
  env: Record<string, string>,
  onLine: (entry: Record<string, unknown>) => void = () => {},
) {
  const started = spawn(process.execPath, [BIN, "proxy", ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = started;
  const lines: Record<string, unknown>[] = [];
  const exited = new Promise<number | null>((done) => started.on("exit", (code) => done(code)));
  const listening = new Promise<Record<string, unknown>>((done, fail) => {
    createInterface({ input: started.stdout }).on("line", (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      lines.push(entry);
      onLine(entry);
      if (entry.msg === "proxy listening") done(entry);
    });
    started.on("exit", () => fail(new Error("the proxy exited before listening")));
  });
  return { lines, exited, listening };
}

async function until(isDone: () => boolean): Promise<void> {
  for (let tries = 0; !isDone(); tries++) {
    if (tries > 200) throw new Error("timed out");
    await new Promise((done) => setTimeout(done, 25));
  }
}

describe("dnma-tag proxy (command)", () => {
  it("logs its configuration once with the secret redacted, and stops on SIGTERM after the response in flight", async () => {
    let release: () => void = () => {};
    upstream = await startUpstream((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.write("before ");
      release = () => res.end("after");
    });
    const env = { DNMA_TAG_SECRET: TEST_SECRET, DNMA_TAG_TRUSTED_PROXIES: "10.0.0.0/8" };
    const cli = startCli(
      ["--target", upstream.url, "--plan", writePlan(), "--port", "0"],
      env,
      (entry) => {
        if (String(entry.msg).startsWith("proxy stopping")) release();
      },
    );
    const listening = await cli.listening;
    const config = listening.config as Record<string, unknown>;

    expect(listening.address).toBe("127.0.0.1");
    expect([config.target, config.trusted_proxies, config.secret]).toEqual([
      upstream.url,
      ["10.0.0.0/8"],
      "[redacted]",
    ]);
    expect(JSON.stringify(cli.lines)).not.toContain(TEST_SECRET);

    const body = await new Promise<string>((done, fail) => {
      let text = "";
      request(`http://127.0.0.1:${listening.port}/api/slow`, (res) => {
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          if (text === "") child?.kill("SIGTERM");
          text += chunk;
        });
        res.on("end", () => done(text));
      })
        .on("error", fail)
        .end();
    });

    expect(body).toBe("before after");
    expect(await cli.exited).toBe(0);
    expect(cli.lines.map((line) => line.msg).slice(-2)).toEqual([
      "proxy stopping: no new connections, finishing responses in flight",
      "proxy stopped",
    ]);
  });

  it("serves the admin listener with --admin-port and reloads the plan when its file changes", async () => {
    upstream = await startUpstream((_req, res) => res.end("ok"));
    const plan = writePlan();
    let onReload: () => void = () => {};
    const reloaded = new Promise<void>((done) => {
      onReload = done;
    });
    let adminUrl: string | undefined;
    const cli = startCli(
      ["--target", upstream.url, "--plan", plan, "--port", "0", "--admin-port", "0"],
      { DNMA_TAG_SECRET: TEST_SECRET },
      (entry) => {
        if (entry.msg === "admin listener ready") adminUrl = String(entry.url);
        if (entry.msg === "tagging plan reloaded") onReload();
      },
    );
    await cli.listening;
    await until(() => adminUrl !== undefined);
    const before = (await (await fetch(new URL("healthz", adminUrl))).json()) as {
      plan: { name: string; version: string };
    };

    writeFileSync(plan, MINIMAL_PLAN.replace("name: test-plan", "name: test-plan-2"));
    await reloaded;
    const after = (await (await fetch(new URL("healthz", adminUrl))).json()) as {
      plan: { name: string; version: string };
    };
    child?.kill("SIGTERM");

    expect(before.plan.name).toBe("test-plan");
    expect(after.plan.name).toBe("test-plan-2");
    expect(after.plan.version).not.toBe(before.plan.version);
    expect(await cli.exited).toBe(0);
  });

  it("never serves when its admin listener cannot start", () => {
    const result = spawnSync(
      process.execPath,
      [
        BIN,
        "proxy",
        "--target",
        "http://127.0.0.1:9",
        "--plan",
        writePlan(),
        "--port",
        "0",
        "--admin-port",
        "0",
      ],
      {
        env: {
          PATH: process.env.PATH ?? "",
          DNMA_TAG_SECRET: TEST_SECRET,
          DNMA_TAG_ADMIN_TOKEN: "short",
        },
        timeout: 20_000,
      },
    );

    expect(result.status).toBe(2);
    expect(result.stdout.toString()).not.toContain("proxy listening");
    expect(result.stderr.toString()).toBe(
      "dnma-tag: the admin token must be at least 16 characters (try `openssl rand -hex 24`)\n",
    );
  });

  it("exits with code 2 and every configuration problem on bad input", () => {
    const result = spawnSync(
      process.execPath,
      [BIN, "proxy", "--target", "ftp://ent", "--port", "http"],
      { env: { PATH: process.env.PATH ?? "" }, encoding: "utf8" },
    );

    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      [
        "dnma-tag: 3 problems in proxy configuration (configuration)",
        'option --target: target: "ftp://ent" must be an http:// or https:// URL',
        "configuration: plan: is missing (--plan, DNMA_TAG_PLAN or `plan:` in the file)",
        'option --port: listen.port: must be number, not "http"',
        "",
      ].join("\n"),
    );
  });
});
