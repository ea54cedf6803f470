/**
 * `npm run bench [-- --quick]`: runs the benchmarks against the alternatives and writes
 * docs/benchmarks.md. Prints progress and the verdicts; exits 1 if the harness fails
 * (a missed target is a finding of the report, not a failure of the command).
 */

import { runBenchmarks } from "./harness.js";
import { judgeTargets } from "./targets.js";

const isQuick = process.argv.includes("--quick");

try {
  const results = await runBenchmarks({ isQuick });
  console.log(
    `\nwrote docs/benchmarks.md and docs/benchmarks.svg (${results.mode} run, ${results.seconds.toFixed(0)} s)`,
  );
  for (const verdict of judgeTargets(results))
    console.log(`${verdict.status.padEnd(12)} ${verdict.target}: ${verdict.measured}`);
} catch (err) {
  console.error("benchmark failed:", err);
  process.exitCode = 1;
}
