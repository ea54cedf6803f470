/**
 * `dnma-tag inject`: reads a page on stdin, writes it tagged on stdout, byte for byte
 * the same plus the two snippets; or unchanged, with the reason on stderr.
 */

import { pipeline } from "node:stream/promises";
import type { Command } from "commander";
import { DnmaError } from "../errors.js";
import { createInjectionStream } from "../inject/injection-stream.js";
import { PROFILES } from "../reference/lists.js";
import { createTagger } from "../tagging/tagger.js";
import { createLogger } from "../log/logger.js";
import { loadPlan } from "../plan/load.js";

interface InjectOptions {
  plan: string;
  url: string;
  method: string;
  host?: string;
  user?: string;
  profile?: string;
  aafProfile?: string;
  uai?: string;
  sniff: boolean;
}

export function registerInject(program: Command): void {
  program
    .command("inject")
    .description(
      "tag the page read on stdin as the plan says for --url, and write it to stdout (byte-exact)",
    )
    .requiredOption("--plan <file>", "tagging plan (YAML)")
    .requiredOption("--url <url>", "URL of the page: a path (/notes?x=1) or an absolute URL")
    .option("--method <method>", "request method", "GET")
    .option("--host <host>", "Host of the request (for rules with host conditions)")
    .option(
      "--user <id>",
      "raw id of the signed-in user (hashed with DNMA_TAG_SECRET); none: page written unchanged",
    )
    .option("--profile <profil>", `PROFIL of the user: ${PROFILES.join(", ")}`)
    .option("--aaf-profile <category>", "AAF category of the user, e.g. National_ELV")
    .option("--uai <uai>", "UAI of the user's establishment")
    .option("--no-sniff", "tag even bytes that do not start like an HTML document")
    .addHelpText(
      "after",
      "\nSecret: DNMA_TAG_SECRET (at least 16 bytes). The reason a page stays unchanged goes to stderr; exit code 0 either way.",
    )
    .action(runInject);
}

async function runInject(options: InjectOptions): Promise<void> {
  if (options.profile && !(PROFILES as readonly string[]).includes(options.profile.toUpperCase())) {
    throw new DnmaError(
      "OPTION_INVALID",
      `--profile "${options.profile}" is not one of ${PROFILES.join(", ")}`,
    );
  }
  const plan = await loadPlan(options.plan);
  if (options.user === undefined) return copyUnchanged("no-user");

  const tagger = createTagger({
    plan,
    secret: process.env.DNMA_TAG_SECRET,
    logger: createLogger({ level: "silent" }),
    injector: { sniff: options.sniff },
  });
  const url = new URL(options.url, "http://localhost");
  const request = {
    method: options.method.toUpperCase(),
    url: url.pathname + url.search,
    path: url.pathname,
    host: options.host ?? (options.url.includes("://") ? url.host : ""),
    headers: {},
  };
  const user = {
    id: options.user,
    profile: options.profile,
    aafProfile: options.aafProfile,
    uai: options.uai,
  };

  const refused = tagger.checkRequest(request);
  const preparation = refused
    ? { kind: "skip" as const, reason: refused }
    : tagger.prepare(request, user);
  if (preparation.kind === "skip") return copyUnchanged(preparation.reason);

  const injector = tagger.createInjector(preparation);
  await pipeline(process.stdin, createInjectionStream(injector), process.stdout);
  const { status, reason } = injector.result;
  process.stderr.write(
    status === "tagged"
      ? `dnma-tag: tagged (rule ${preparation.page.ruleId}, SERVICE ${preparation.page.service})\n`
      : `dnma-tag: page ${status}: ${reason}\n`,
  );
}

async function copyUnchanged(reason: string): Promise<void> {
  process.stderr.write(`dnma-tag: page left unchanged: ${reason}\n`);
  await pipeline(process.stdin, process.stdout);
}
