/**
 * Runs the built `bin/dnma-tag.js` as a child process, asynchronously (so that test
 * servers in this process keep answering), and collects its exit code and output.
 */

import { spawn } from "node:child_process";

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `dnma-tag ARGS` with a minimal environment (PATH plus `env`). */
export function runCli(
  args: string[],
  options: { env?: Record<string, string>; input?: string | Buffer } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/dnma-tag.js", ...args], {
      env: { PATH: process.env.PATH ?? "", ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (status) => {
      resolve({
        status,
        stdout: Buffer.concat(stdout).toString(),
        stderr: Buffer.concat(stderr).toString(),
      });
    });
    child.stdin.end(options.input ?? "");
  });
}

/** Parses the JSON a `--json` run printed, failing with its stderr when there is none. */
export function parseJsonOutput(result: CliResult): unknown {
  try {
    return JSON.parse(result.stdout);
  } catch {
    throw new Error(`not JSON (exit ${result.status}): ${result.stdout}\n${result.stderr}`);
  }
}
