/**
 * Checks the plan's click examples at load time: each declared link or button must
 * resolve as its `expect` says. Usage: `checkClickExamples(plan.clicks)` → issues.
 */

import { listMismatches } from "../plan/check.js";
import type { PathIssue } from "../plan/compile.js";
import { describeClick, toClickTarget } from "./match.js";
import type { ClickResolution, CompiledClickExample, CompiledClicks } from "./types.js";

/** One issue per click example that does not resolve as declared. */
export function checkClickExamples(clicks: CompiledClicks): PathIssue[] {
  return clicks.examples.flatMap((example) => {
    const resolution = resolveClickExample(clicks, example);
    const mismatches = compareClickExample(example, resolution);
    if (mismatches.length === 0) return [];

    return [
      {
        path: ["clicks", "examples", example.index, "expect"],
        message: `click on ${describeElement(example)} resolves to ${describeClickResolution(resolution)}; expected ${mismatches.join(", ")}`,
      },
    ];
  });
}

/** What the plan makes of an example's element. */
export function resolveClickExample(
  clicks: CompiledClicks,
  example: CompiledClickExample,
): ClickResolution {
  const attributes =
    example.href === undefined ? example.attributes : { ...example.attributes, href: example.href };
  return describeClick(clicks, toClickTarget(example.page, example.tag, attributes, example.href));
}

/** `rule "gar": SERVICE MANUEL_NUMERIQUE, OUTIL GAR_RESSOURCE, TYPE TIERS, navigation "gar-x"` or `skip (no-rule)`. */
export function describeClickResolution(resolution: ClickResolution): string {
  if (resolution.kind === "skip") return `skip (${resolution.reason})`;

  const chapters =
    resolution.chapters.length > 0 ? `, chapters ${resolution.chapters.join("/")}` : "";
  return (
    `rule "${resolution.ruleId}": SERVICE ${resolution.service}, OUTIL ${resolution.outil}, ` +
    `TYPE ${resolution.type}, ${resolution.hit} "${resolution.name}"${chapters}`
  );
}

function compareClickExample(example: CompiledClickExample, resolution: ClickResolution): string[] {
  const { expect } = example;
  if (expect.skip !== undefined) return resolution.kind === "skip" ? [] : [`skip (${expect.skip})`];
  if (resolution.kind === "skip") return ["a tagged click"];

  return listMismatches(expect, resolution);
}

function describeElement(example: CompiledClickExample): string {
  const attributes = Object.entries(example.attributes)
    .map(([key, value]) => ` ${key}="${value}"`)
    .join("");
  const href = example.href === undefined ? "" : ` href="${example.href}"`;
  return `<${example.tag}${href}${attributes}> on ${example.page}`;
}
