/**
 * The legacy demo ENT on its own, without dnma-tag: http://127.0.0.1:3001/ (PORT,
 * HOST). Put `dnma-tag proxy` in front of it (`npm run demo:proxy` does both).
 */

import { createLogger } from "../log/logger.js";
import { createLegacyServer } from "./legacy.js";

const logger = createLogger();
const port = Number(process.env.PORT ?? 3001);
const host = process.env.HOST ?? "127.0.0.1";
const server = createLegacyServer({
  onHit: (hit) => logger.info({ hit }, "stand-in smarttag_ENT.js would send this hit"),
});

server.listen(port, host, () => {
  logger.info(
    { host, port },
    "legacy demo ENT ready (no dnma-tag inside; identity on GET /api/userinfo)",
  );
});
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
