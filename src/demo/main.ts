/**
 * `npm start`: the demo ENT on http://127.0.0.1:3000/ (PORT, HOST), tagged by dnma-tag
 * with marking-plans/demo-ent.yaml (DNMA_TAG_PLAN) and the secret DNMA_TAG_SECRET.
 */

import { createLogger } from "../log/logger.js";
import { DnmaError } from "../errors.js";
import { createTagger } from "../tagging/tagger.js";
import { createDemoApp, DEMO_PLAN } from "./app.js";

/** Used when DNMA_TAG_SECRET is not set; says so in the log. Never use it in production. */
export const DEVELOPMENT_SECRET = "dnma-tag-demo-development-secret-not-for-production";

function main(): void {
  const logger = createLogger();
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "127.0.0.1";
  let secret = process.env.DNMA_TAG_SECRET;
  if (!secret) {
    logger.warn({ secret: "development" }, "DNMA_TAG_SECRET is not set: the demo uses a fixed development secret (never do this in production)");
    secret = DEVELOPMENT_SECRET;
  }

  const tagger = createTagger({ plan: process.env.DNMA_TAG_PLAN ?? DEMO_PLAN, secret, logger });
  const app = createDemoApp({ dnma: { tagger }, onHit: (hit) => logger.info({ hit }, "stand-in smarttag_ENT.js would send this hit") });
  const server = app.listen(port, host, () => {
    logger.info({ plan: tagger.plan.name, version: tagger.plan.version }, "demo ENT ready");
    process.stdout.write(`Demo ENT running at http://${host}:${port}/ (accounts: eleve, enseignant, parent, direction, agent, invite)\n`);
  });
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
  process.on("SIGINT", () => server.close(() => process.exit(0)));
}

try {
  main();
} catch (err) {
  if (!(err instanceof DnmaError)) throw err;
  process.stderr.write(`${err.describe()}\n`);
  process.exit(1);
}
