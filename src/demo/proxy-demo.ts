/**
 * `npm run demo:proxy`: the legacy demo ENT on LEGACY_PORT (default 3001) and
 * `dnma-tag proxy` in front of it on PORT (default 3000), as two processes, with the
 * demo plan and demo/proxy.yaml (identity from the ENT's userinfo endpoint).
 */

import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { PACKAGE_ROOT } from "./app.js";

/** Used when DNMA_TAG_SECRET is not set; never use it in production. */
const DEVELOPMENT_SECRET = "dnma-tag-proxy-demo-development-secret-not-for-production";

const port = process.env.PORT ?? "3000";
const legacyPort = process.env.LEGACY_PORT ?? "3001";
const host = process.env.HOST ?? "127.0.0.1";
const secret = process.env.DNMA_TAG_SECRET ?? DEVELOPMENT_SECRET;
if (!process.env.DNMA_TAG_SECRET)
  process.stderr.write(
    "DNMA_TAG_SECRET is not set: the demo uses a fixed development secret (never do this in production)\n",
  );

const legacy = start("legacy ENT", [join(PACKAGE_ROOT, "dist", "demo", "legacy-main.js")], {
  PORT: legacyPort,
  HOST: "127.0.0.1",
});
const proxy = start("proxy", [
  join(PACKAGE_ROOT, "bin", "dnma-tag.js"),
  "proxy",
  "--target",
  `http://127.0.0.1:${legacyPort}`,
  "--plan",
  process.env.DNMA_TAG_PLAN ?? join(PACKAGE_ROOT, "marking-plans", "demo-ent.yaml"),
  "--config",
  join(PACKAGE_ROOT, "demo", "proxy.yaml"),
  "--host",
  host,
  "--port",
  port,
]);
process.stdout.write(
  `Starting the demo ENT behind the dnma-tag proxy at http://${host}:${port}/ (legacy ENT without the tag at http://127.0.0.1:${legacyPort}/; accounts: eleve, enseignant, parent, direction, agent, invite)\n`,
);

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    for (const child of [proxy, legacy]) child.kill("SIGTERM");
  });
}

function start(name: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, args, {
    stdio: "inherit",
    env: { ...process.env, DNMA_TAG_SECRET: secret, ...env },
  });
  child.on("exit", (code, signal) => {
    if (signal !== "SIGTERM" && code !== 0) {
      process.stderr.write(`${name} exited (${signal ?? code}): the demo stops\n`);
      process.exitCode = 1;
    }
    for (const other of [proxy, legacy])
      if (other && other !== child && other.exitCode === null) other.kill("SIGTERM");
  });
  return child;
}
