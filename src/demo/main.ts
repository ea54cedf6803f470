/**
 * `npm start`: the demo ENT on http://127.0.0.1:3000/ (PORT, HOST), tagged by dnma-tag
 * with marking-plans/demo-ent.yaml (DNMA_TAG_PLAN) and the secret DNMA_TAG_SECRET; the
 * plan is reloaded when it changes (or on SIGHUP), and the admin listener runs on
 * http://127.0.0.1:9464/ (ADMIN_PORT, `off` to disable; ADMIN_HOST needs DNMA_TAG_ADMIN_TOKEN).
 */

import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdminServer, DEFAULT_ADMIN_PORT } from "../admin/server.js";
import { DnmaError } from "../errors.js";
import { createLogger } from "../log/logger.js";
import { watchPlan } from "../plan/reload.js";
import { createTagger } from "../tagging/tagger.js";
import { createDemoApp, DEMO_PLAN } from "./app.js";

/** Used when DNMA_TAG_SECRET is not set; says so in the log. Never use it in production. */
export const DEVELOPMENT_SECRET = "dnma-tag-demo-development-secret-not-for-production";

async function main(): Promise<void> {
  const logger = createLogger();
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "127.0.0.1";
  let secret = process.env.DNMA_TAG_SECRET;
  if (!secret) {
    logger.warn(
      { secret: "development" },
      "DNMA_TAG_SECRET is not set: the demo uses a fixed development secret (never do this in production)",
    );
    secret = DEVELOPMENT_SECRET;
  }

  const planFile = process.env.DNMA_TAG_PLAN ?? DEMO_PLAN;
  const tagger = createTagger({ plan: planFile, secret, logger });
  const stopWatching = watchPlan(tagger, planFile);
  const admin = startAdmin(tagger);
  const app = createDemoApp({
    dnma: { tagger },
    onHit: (hit) => logger.info({ hit }, "stand-in smarttag_ENT.js would send this hit"),
  });
  const server = app.listen(port, host, () => {
    logger.info({ plan: tagger.plan.name, version: tagger.plan.version }, "demo ENT ready");
    process.stdout.write(
      `Demo ENT running at ${urlOf(server, host)} (accounts: eleve, enseignant, parent, direction, agent, invite)\n`,
    );
  });
  const adminUrl = await admin?.listen();
  if (adminUrl)
    process.stdout.write(
      `dnma-tag admin at ${adminUrl} (plan, URL tester, decisions; /metrics, /healthz)\n`,
    );

  const shutDown = () => {
    stopWatching();
    void admin?.close();
    server.close(() => process.exit(0));
  };
  process.on("SIGTERM", shutDown);
  process.on("SIGINT", shutDown);
}

function startAdmin(tagger: ReturnType<typeof createTagger>) {
  const setting = process.env.ADMIN_PORT ?? String(DEFAULT_ADMIN_PORT);
  if (setting === "off") return undefined;
  return createAdminServer({
    tagger,
    port: Number(setting),
    host: process.env.ADMIN_HOST ?? "127.0.0.1",
  });
}

function urlOf(server: Server, host: string): string {
  const address = server.address() as AddressInfo;
  return `http://${host.includes(":") ? `[${host}]` : host}:${address.port}/`;
}

main().catch((err) => {
  if ((err as NodeJS.ErrnoException).code === "EADDRINUSE") {
    process.stderr.write(
      `${(err as Error).message}: set ADMIN_PORT to a free port, or ADMIN_PORT=off\n`,
    );
    process.exit(1);
  }
  if (!(err instanceof DnmaError)) throw err;
  process.stderr.write(`${err.describe()}\n`);
  process.exit(1);
});
