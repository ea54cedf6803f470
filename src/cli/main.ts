/**
 * The `dnma-tag` command: one binary, one subcommand per task.
 * Usage: `dnma-tag inject --plan plan.yaml --url /notes --user 42 < page.html`.
 */

import { Command, CommanderError } from "commander";
import { DnmaError } from "../errors.js";
import { registerAudit } from "./audit.js";
import { registerCoverage } from "./coverage.js";
import { registerDiff } from "./diff.js";
import { EXIT } from "./exit.js";
import { registerMatch } from "./match.js";
import { registerValidate } from "./validate.js";
import { registerInject } from "./inject.js";
import { registerProxy } from "./proxy.js";

export { EXIT } from "./exit.js";

export function buildProgram(): Command {
  const program = new Command("dnma-tag")
    .description(
      "Put the national ENT audience tag (DNMA) on authenticated pages, from a YAML tagging plan.",
    )
    .version("0.1.0")
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  registerValidate(program);
  registerMatch(program);
  registerAudit(program);
  registerCoverage(program);
  registerDiff(program);
  registerInject(program);
  registerProxy(program);
  return program;
}

export async function run(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: "user" });
    return process.exitCode === undefined ? EXIT.ok : Number(process.exitCode);
  } catch (err) {
    return reportError(err);
  }
}

function reportError(err: unknown): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (err instanceof DnmaError) {
    process.stderr.write(`dnma-tag: ${err.describe()}\n`);
    return EXIT.usage;
  }
  process.stderr.write(`dnma-tag: unexpected error: ${(err as Error).stack ?? String(err)}\n`);
  return EXIT.usage;
}

const isEntryPoint =
  process.argv[1] !== undefined && /(dnma-tag(\.js)?|cli[\\/]main\.[jt]s)$/.test(process.argv[1]);
if (isEntryPoint) {
  run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
