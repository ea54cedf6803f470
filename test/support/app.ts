/**
 * Builds Express apps with dnma-tag mounted over the test plan, a user chosen per
 * request with the `x-test-user` header, and logs captured as parsed JSON.
 */

import { createHmac } from "node:crypto";
import { Writable } from "node:stream";
import express from "express";
import { Registry } from "prom-client";
import { createLogger } from "../../src/log/logger.js";
import { type DnmaTagOptions, dnmaTag } from "../../src/middleware/dnma-tag.js";
import { parsePlan } from "../../src/plan/load.js";
import { MINIMAL_PLAN } from "./plans.js";

export const TEST_SECRET = "a-test-secret-of-enough-length";
export const TEST_USERS: Record<string, object> = {
  pupil: { id: "jdupont", aafProfile: "National_ELV", uai: "0021593W" },
  badUai: { id: "baduai", aafProfile: "National_ELV", uai: "0021593X" },
  noUai: { id: "nouai", aafProfile: "National_ELV" },
  noSite: { id: "nosite", profile: "ELEVE", uai: "0690012N" },
};

export function hmac(id: string): string {
  return createHmac("sha256", TEST_SECRET).update(id).digest("hex");
}

export interface TestApp {
  app: express.Express;
  logs: Record<string, unknown>[];
  registry: Registry;
}

/** An app whose routes are added by `routes`, tagged by dnma-tag with the test plan. */
export function createTestApp(
  routes: (app: express.Express) => void,
  options: Partial<DnmaTagOptions> = {},
  plan = MINIMAL_PLAN.replace('  default: "100000"\n', ""),
): TestApp {
  const logs: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split("\n").filter(Boolean)) logs.push(JSON.parse(line));
      callback();
    },
  });
  const registry = new Registry();
  const app = express();
  app.use((req, _res, next) => {
    const name = req.headers["x-test-user"];
    if (typeof name === "string") (req as { user?: unknown }).user = TEST_USERS[name];
    next();
  });
  app.use(
    dnmaTag({
      plan: parsePlan(plan, "plan.yaml"),
      secret: TEST_SECRET,
      registry,
      logger: createLogger({ level: "debug", destination }),
      ...options,
    }),
  );
  routes(app);
  return { app, logs, registry };
}

/** The loader and tag the test plan gives a pupil of 0021593W on the "home" rule. */
export function expectedSnippets(
  name = "accueil",
  service = "ACCUEIL",
  id = "jdupont",
): { loader: string; tag: string } {
  return {
    loader: '<script type="text/javascript" src="/js/smarttag_ENT.js"></script>',
    tag:
      '<script type="text/javascript">\nif (window.ATInternet) {\n' +
      'var ATTag = new ATInternet.Tracker.Tag({site: "100002"});\n' +
      `ATTag.setProps({"SERVICE": "${service}", "TYPE": "NATIF", "OUTIL": "ENT_T", "UAI": "0021593W", "PROJET": "PROJET_T", "EXPLOITANT": "EXPLOITANT_T", "PLATEFORME": "PLATEFORME_T", "PROFIL": "ELEVE"}, true);\n` +
      `ATTag.identifiedVisitor.set({id: "${hmac(id)}", category: "ELEVE"});\n` +
      `ATTag.page.set({name: "${name}", level2: "0021593W"});\n` +
      "ATTag.dispatch();\n}\n</script>",
  };
}

export const PAGE =
  "<!DOCTYPE html><html><head><title>Accueil</title></head><body><p>Bonjour</p></body></html>\n";

/** PAGE as dnma-tag should serve it. */
export function taggedPage(page = PAGE, snippets = expectedSnippets()): string {
  return page
    .replace("</head>", `${snippets.loader}</head>`)
    .replace("</body>", `${snippets.tag}</body>`);
}
