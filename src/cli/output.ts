/**
 * Writing command results: JSON for machines (`--json`), text for people.
 * Usage: `writeJson(report)` or `writeText(formatTable(...))`.
 */

/** Writes a value as indented JSON and a newline on stdout. */
export function writeJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Writes text on stdout, adding the final newline when it lacks one. */
export function writeText(text: string): void {
  process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
}

/** Collects a repeatable option's values: `.option("--header <h>", "...", collect, [])`. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
