import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

describe("dnma-tag --help", () => {
  it("lists every subcommand", async () => {
    const result = await runCli(["--help"]);
    const commands = [...result.stdout.matchAll(/^ {2}([a-z]+) /gm)].map((match) => match[1]);
    expect(result.status).toBe(0);
    expect(commands).toEqual(
      expect.arrayContaining(["validate", "match", "audit", "coverage", "diff", "inject"]),
    );
  });

  it.each([
    [
      "validate",
      "Usage: dnma-tag validate [options] <plan...>",
      "Exit codes: 0 every plan is valid, 1 a plan is invalid, 2 a plan cannot be read.",
    ],
    [
      "match",
      "Usage: dnma-tag match [options] <plan> <url>",
      "Exit codes: 0 explained (tagged or skipped), 2 bad plan or arguments.",
    ],
    [
      "audit",
      "Usage: dnma-tag audit [options] <page>",
      "Exit codes: 0 conformant, 1 not conformant, 2 the page or the plan cannot be read.",
    ],
    [
      "coverage",
      "Usage: dnma-tag coverage [options] <plan> <log...>",
      "A progress bar is drawn on stderr when it is a terminal.",
    ],
    [
      "diff",
      "Usage: dnma-tag diff [options] <old-plan> <new-plan>",
      "Exit codes: 0 no change (or --allow-changes), 1 changes, 2 unusable plan or input.",
    ],
  ])("%s --help shows its usage and exit codes", async (command, usage, footer) => {
    const result = await runCli([command, "--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe(usage);
    expect(result.stdout.trimEnd().endsWith(footer)).toBe(true);
  });
});
